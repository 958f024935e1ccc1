"""A complaint taken in through the one way in, so the lifecycle's register hook announces it."""

from gehoord.cases.constants import Channel
from gehoord.cases.tests import factories
from gehoord.intake.pipeline import NewComplaint, take_in


def new_complaint(
    *, description: str = "De ambtenaar aan de balie was onbeleefd en luisterde niet.", complainant=None
):
    return take_in(
        NewComplaint(
            channel=Channel.WEB,
            description=description,
            complainant=complainant or factories.ComplainantFactory.build(),
        )
    ).complaint
