"""Beat's periodic and safety-net tasks have a queue of their own, so a backlog of letters cannot expire them.

Routing is checked for every entry of the beat schedule, and on the machine's Redis: with a backlog of
letters waiting on the default queue, the letters' safety net that beat sends lands on "periodic", where
its own worker (`celery -A gehoord worker -Q periodic`) takes it at once. ``make test`` starts Redis when
it is down; without it this test fails, it never skips.
"""

import os

import pytest
import redis
from celery import Celery
from django.conf import settings

from gehoord.celery import app as celery_app

BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
LETTER_TASK = "gehoord.correspondence.tasks.deliver_letter"
SAFETY_NET = "gehoord.correspondence.tasks.deliver_due_letters_task"


def queue_of(app: Celery, name: str) -> str:
    route = app.amqp.router.route({}, name)
    return route["queue"].name


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_beat_task_goes_to_the_periodic_queue(entry):
    assert queue_of(celery_app, settings.CELERY_BEAT_SCHEDULE[entry]["task"]) == settings.PERIODIC_QUEUE


@pytest.mark.parametrize(
    "task", [LETTER_TASK, "gehoord.webhooks.tasks.deliver_webhook", "gehoord.reporting.tasks.build_report"]
)
def test_work_for_one_complaint_stays_on_the_default_queue(task):
    assert queue_of(celery_app, task) == "celery"


@pytest.mark.postgresql  # the pass that starts Redis (scripts/ensure-redis.sh)
def test_a_backlog_of_letters_does_not_hold_up_the_safety_net_on_redis():
    sender = Celery("gehoord-test-sender")
    sender.config_from_object("django.conf:settings", namespace="CELERY")
    sender.conf.broker_url = BROKER
    sender.conf.task_always_eager = False
    broker = redis.Redis.from_url(BROKER)
    broker.delete("celery", settings.PERIODIC_QUEUE)
    try:
        for pk in range(200):
            sender.send_task(LETTER_TASK, args=[10_000_000 + pk])
        # As beat sends it: by name, with the entry's options (it expires when not started in time).
        sender.send_task(
            SAFETY_NET, **settings.CELERY_BEAT_SCHEDULE["correspondence-deliver-due-letters"]["options"]
        )
        assert broker.llen("celery") == 200
        assert broker.llen(settings.PERIODIC_QUEUE) == 1
        assert SAFETY_NET.encode() in broker.lindex(settings.PERIODIC_QUEUE, 0)
    finally:
        broker.delete("celery", settings.PERIODIC_QUEUE)
        sender.close()
