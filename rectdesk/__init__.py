"""RectDesk (整改台账桌面系统): an offline register for rectification offices."""

__version__ = "0.1.0"
APP_NAME = "RectDesk"
APP_NAME_ZH = "整改台账"
ORG_NAME = "RectDesk"
