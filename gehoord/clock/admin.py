from django.contrib import admin

from gehoord.clock.models import ClosingDay, EquatedDay


@admin.register(EquatedDay)
class EquatedDayAdmin(admin.ModelAdmin):
    list_display = ("date", "description")
    date_hierarchy = "date"


@admin.register(ClosingDay)
class ClosingDayAdmin(admin.ModelAdmin):
    list_display = ("date", "description")
    date_hierarchy = "date"
