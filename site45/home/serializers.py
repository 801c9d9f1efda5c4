from rest_framework import serializers


class UnitSerializer(serializers.Field):
    """The owning unit as the public page shows it: code and names, nothing personal."""

    def to_representation(self, unit):
        if unit is None:
            return None
        return {"code": unit.code, "name_zh": unit.name_zh, "name_en": unit.name_en, "type": unit.unit_type}
