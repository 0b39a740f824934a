"""The report's funding section: spend in the period by funding source with its co-financing shares, and the
applications awarded in it. The figures are the overview's (app/funding/overview.py), counted the same way."""

from datetime import date
from typing import Any

from app.core.i18n import _, pgettext
from app.funding.charts import payer_label
from app.funding.money import share
from app.funding.overview import Period, awards, spend
from app.reports.contents import Money, Section, Share, Table


def funding_section(starts_on: date, ends_on: date, reader: Any) -> Section:
    period = spend([Period("report", starts_on, ends_on)], reader)[0]
    awarded = awards(starts_on, ends_on)
    by_source = [[payer_label(row.source), Money(row.planned), Share(period.planned_share(row)), Money(row.actual),
                  Share(period.actual_share(row))] for row in period.rows]
    if by_source:
        by_source.append([_("Total"), Money(period.planned), Share(share(period.planned, period.planned)),
                          Money(period.actual), Share(share(period.actual, period.actual))])
    return Section(_("Funding"), [
        (_("Funding sources paying in the period"), sum(row.source is not None for row in period.rows)),
        (_("Applications awarded"), len(awarded)),
    ], [
        Table(_("Spend by funding source"),
              [_("Funding source"), pgettext("funding overview", "Planned"), _("Share of planned spend"),
               pgettext("funding overview", "Actual"), _("Share of actual spend")], by_source),
        Table(_("Applications awarded"),
              [_("Decided on"), _("Application"), _("Lead country"), _("Funder"), _("Amount awarded")],
              [[a.decided_on.isoformat(), a.title, a.lead, payer_label(a.funder) if a.funder else "",
                Money(a.awarded)] for a in awarded]),
    ], notes=[
        _("A budget line counts in the period when its activity falls in it: the day a meeting starts (its date in "
          "UTC) or a training's first day."),
        _("It is paid by its own funding source, else by the source its application asks; a line with neither is "
          "not yet funded."),
        _("Planned spend leaves out the lines of cancelled activities; actual spend adds up the actual amounts "
          "recorded, those of cancelled activities included."),
        _("A co-financing share is the source's part of the planned, or of the actual, spend of the period."),
        _("Applications awarded: those whose award was decided in the period, with the amount awarded."),
    ])
