"""The change log names the operator from the settings, else the OS user."""

import getpass

from sqlalchemy import select

from rectdesk import settings
from rectdesk.store import services
from rectdesk.store.models import ChangeLog
from rectdesk.store.register import Register


def operators(reg):
    with reg.reading() as s:
        return set(s.scalars(select(ChangeLog.operator)))


def test_operator_defaults_to_os_user(tmp_path):
    with Register.open(tmp_path / "a.rectdesk") as reg:
        services.create_campaign(reg, "任务")
        assert operators(reg) == {getpass.getuser()}


def test_operator_from_settings(tmp_path):
    settings.save(operator="整改办 李四")
    assert settings.get("operator") == "整改办 李四"
    with Register.open(tmp_path / "b.rectdesk") as reg:
        services.create_campaign(reg, "任务")
        assert operators(reg) == {"整改办 李四"}


def test_unreadable_settings_fall_back_to_defaults(rectdesk_home):
    target = rectdesk_home / "config" / "settings.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{not json", encoding="utf-8")
    assert settings.get("warn_days") == 10
