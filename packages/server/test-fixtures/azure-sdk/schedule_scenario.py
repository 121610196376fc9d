# A pipeline scheduled with ml_client.schedules: a minute recurrence that starts two seconds from
# now, then get, list, disable (get and PUT back), enable and delete. The script waits for the
# first fire through jobs.list and reports what the SDK read back at each step.
import datetime
import time

from azure.ai.ml import command, dsl
from azure.ai.ml.constants import TimeZone
from azure.ai.ml.entities import AmlCompute, CronTrigger, JobSchedule, RecurrenceTrigger

from scenario import ml, out, report, step

hello = command(command="echo hello from a schedule", environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest", display_name="hello")


@dsl.pipeline(compute="cpu-cluster", description="says hello")
def greeting():
    hello()


def create():
    ml.compute.begin_create_or_update(AmlCompute(name="cpu-cluster", size="STANDARD_DS3_V2", max_instances=2)).result()
    # Ahead of the SDK's own work before the schedule exists (registering the pipeline's component).
    start = (datetime.datetime.utcnow() + datetime.timedelta(seconds=10)).strftime("%Y-%m-%dT%H:%M:%S")
    trigger = RecurrenceTrigger(frequency="minute", interval=1, start_time=start, time_zone=TimeZone.UTC)
    created = ml.schedules.begin_create_or_update(JobSchedule(name="sdk_every_minute", trigger=trigger, create_job=greeting())).result()
    return {"name": created.name, "enabled": created.is_enabled, "trigger": type(created.trigger).__name__, "job": type(created.create_job).__name__}


def cron():
    trigger = CronTrigger(expression="30 7 * * 1-5", time_zone=TimeZone.PACIFIC_STANDARD_TIME)
    created = ml.schedules.begin_create_or_update(JobSchedule(name="sdk_weekdays", trigger=trigger, create_job=greeting())).result()
    got = ml.schedules.get("sdk_weekdays")
    return {"expression": got.trigger.expression, "time_zone": got.trigger.time_zone, "enabled": created.is_enabled}


def fired():
    deadline = time.time() + 45
    while time.time() < deadline:
        jobs = [j.name for j in ml.jobs.list() if j.name.startswith("sdk_every_minute-")]
        if jobs:
            return jobs
        time.sleep(0.5)
    return []


def disable():
    ml.schedules.begin_disable("sdk_every_minute").result()
    got = ml.schedules.get("sdk_every_minute")
    return {"enabled": got.is_enabled, "steps": sorted(got.create_job.jobs)}


def enable():
    ml.schedules.begin_enable("sdk_every_minute").result()
    return {"enabled": ml.schedules.get("sdk_every_minute").is_enabled}


step("create", create)
step("cron", cron)
step("fired", fired)
step("listed", lambda: sorted(s.name for s in ml.schedules.list()))
step("disable", disable)
step("listed_enabled", lambda: sorted(s.name for s in ml.schedules.list()))
step("enable", enable)
step("delete", lambda: ml.schedules.begin_delete("sdk_weekdays").result() or "deleted")
step("after_delete", lambda: sorted(s.name for s in ml.schedules.list(list_view_type="All")))
report()
