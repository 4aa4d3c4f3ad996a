"""The demo register's source: the published sample bulletin plus illustrative owners."""

from __future__ import annotations

import json

from rectdesk.core.deadlines import parse_deadline
from rectdesk.core.model import CampaignData
from rectdesk.exchange.bulletin_import import read_bulletin
from rectdesk.paths import resource_path

DEMO_BULLETIN = "nanjing-eeb-2020-11-02-bulletin.txt"
DEMO_ASSIGNMENTS = "demo_assignments.json"


def demo_campaign() -> CampaignData:
    """The sample bulletin parsed, with the demo's departments, leaders and deadlines applied."""
    campaign, _ = read_bulletin(resource_path("demo", DEMO_BULLETIN))
    assignments = json.loads(resource_path("demo", DEMO_ASSIGNMENTS).read_text(encoding="utf-8"))
    year = campaign.feedback_date.year if campaign.feedback_date else None
    for problem in campaign.problems:
        owner = assignments["problems"].get(str(problem.number))
        if not owner:
            continue
        for measure in problem.measures:
            measure.lead_department = owner["lead_department"]
            measure.cooperating = list(owner["cooperating"])
            measure.leaders = list(owner["leaders"])
            measure.deadline = parse_deadline(owner["deadline"], year)
    return campaign
