#!/bin/sh
# Newsroom — đăng bài theo lịch / scheduled publisher (run by newsroom-publish.timer, or by hand).
# Fetches the branch, builds and verifies a release, switches to it only when the site changed.
# One log line per run; a failed run exits 1 and leaves the live release as it was.
#
#   NEWSROOM_SOURCE    clone of the site repository (required)
#   NEWSROOM_RELEASES  releases directory served by nginx (required)
#   NEWSROOM_BRANCH    branch to publish (default: main)
#   NEWSROOM_BIN       folder of the `newsroom` command (default: $NEWSROOM_SOURCE/.venv/bin,
#                      set up or updated with `make .venv/.installed` when pyproject.toml changes)
#   NEWSROOM_NGINX_CONFIG  the config nginx serves: a release needing new script hashes is refused
#   NEWSROOM_NO_FETCH  set to 1 to publish the checkout as it is (no git fetch)
set -eu

main() {
    : "${NEWSROOM_SOURCE:?NEWSROOM_SOURCE: clone of the site repository}"
    : "${NEWSROOM_RELEASES:?NEWSROOM_RELEASES: releases directory}"
    branch="${NEWSROOM_BRANCH:-main}"
    mkdir -p "$NEWSROOM_RELEASES"
    # One run at a time: a second run while one builds logs and leaves.
    exec 9>"$NEWSROOM_RELEASES/.publish.lock"
    if ! flock --nonblock 9; then
        log "skipped" "another run holds $NEWSROOM_RELEASES/.publish.lock"
        return 0
    fi
    cd "$NEWSROOM_SOURCE"
    if [ "${NEWSROOM_NO_FETCH:-0}" != 1 ]; then
        if ! git fetch --quiet origin "$branch" 2>"$NEWSROOM_RELEASES/.fetch.log" ||
            ! git reset --quiet --hard "origin/$branch"; then
            log "failed" "git fetch origin $branch: $(tail -n 1 "$NEWSROOM_RELEASES/.fetch.log")"
            return 1
        fi
    fi
    bin="${NEWSROOM_BIN:-}"
    if [ -z "$bin" ]; then
        bin="$NEWSROOM_SOURCE/.venv/bin"
        if ! make --quiet .venv/.installed >"$NEWSROOM_RELEASES/.install.log" 2>&1; then
            log "failed" "make .venv/.installed: see $NEWSROOM_RELEASES/.install.log"
            return 1
        fi
    fi
    # `newsroom deploy release` prints the run's log line itself (released/unchanged/failed).
    if [ -n "${NEWSROOM_NGINX_CONFIG:-}" ]; then
        "$bin/newsroom" deploy release --releases "$NEWSROOM_RELEASES" \
            --nginx-config "$NEWSROOM_NGINX_CONFIG"
    else
        "$bin/newsroom" deploy release --releases "$NEWSROOM_RELEASES"
    fi
}

log() {
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) newsroom-publish $1 $2"
}

# The whole file is read before it runs: `git reset` may replace this script mid-run.
main "$@"
exit $?
