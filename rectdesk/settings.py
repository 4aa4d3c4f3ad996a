"""User settings shared by the CLI and the GUI, each declared once with its type and default.

Stored as JSON in the config dir. Data belongs in the register file and UI state (geometry,
column widths) in QSettings; this holds only the user's preferences.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Any

from rectdesk import paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("operator", str, "", "操作人（留痕中显示的姓名，默认为系统用户名）"),
        Setting("language", str, "zh_CN", "界面语言"),
        Setting("warn_days", int, 10, "临期预警天数"),
        Setting("notice_days", int, 20, "提前提示天数"),
        Setting("bulletin_template", str, "", "通报模板文件"),
        Setting("heading3_bold", bool, True, "“1.”级标题加粗"),
        Setting("require_evidence_for_signoff", bool, True, "销号须每项措施至少有一份佐证材料"),
        Setting("recheck_months", int, 3, "销号后回头看间隔（月）"),
        Setting("recent_registers", list, [], "最近打开的台账"),
    )
}


def _file() -> Any:
    return paths.config_dir() / "settings.json"


def load() -> dict[str, Any]:
    values = {key: s.default for key, s in SETTINGS.items()}
    try:
        stored = json.loads(_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return values
    except (OSError, ValueError) as exc:
        log.warning("settings file unreadable, using defaults: %s", exc)
        return values
    for key, value in stored.items():
        setting = SETTINGS.get(key)
        if setting is not None and isinstance(value, setting.type):
            values[key] = value
    return values


def get(key: str) -> Any:
    return load()[key]


def save(**changes: Any) -> None:
    values = load()
    for key, value in changes.items():
        setting = SETTINGS[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} expects {setting.type.__name__}")
        values[key] = value
    target = _file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, target)


def operator_name() -> str:
    name = str(get("operator")).strip()
    if name:
        return name
    import getpass  # here: settings load before the first paint, the operator's name later

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return "unknown"
