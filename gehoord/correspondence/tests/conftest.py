# Every test here stores files and may queue tasks.
from gehoord.core.testing.fixtures import media_in_tmp, tasks_in_process  # noqa: F401
