"""Hook: the EMC monitoring snippet (Circular 22/2023/TT-BTTTT), only when the setting is on.

Off by default: nothing external is loaded. On (``extra.newsroom.deploy.emc: true`` with
``emc_script``), every page loads the script asynchronously and the generated nginx policy
allows its origin (``newsroom.deploy.csp``). The preview (``mkdocs serve``) never loads it.
"""

from __future__ import annotations

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from newsroom.deploy.options import DeployError, DeployOptions
from newsroom.site import build


@event_priority(40)  # after the content hook has read the settings
def on_config(config):
    try:
        options = DeployOptions.from_mapping(dict(build.settings_from(config).deploy))
    except DeployError as exc:
        raise PluginError(str(exc)) from exc
    if not options.emc or build.is_preview():
        return config
    if options.emc_script not in [str(s) for s in config.extra_javascript]:
        script = ExtraScriptValue(options.emc_script)
        script.async_ = True
        config.extra_javascript.append(script)
    return config
