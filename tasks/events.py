"""Prefect events of the training flow, for automations.

`robo-therapist.champion.changed` is emitted when a registration moves the champion alias to
the new version (the first version included), never when champion stays. Its resource is the
registered model (`mlflow.registered-model.<name>`); its payload names the new champion version
(`model_uri`, pinned to the version, so a later move does not change what is tested), the
version it replaced, the MLflow run and the decision in words. prefect.yaml's `reflect`
deployment has a trigger on it that answers the smoke-test cases with the new champion.
"""
from __future__ import annotations

from typing import Any

from tasks.core.registry_settings import RegistrySettings

CHAMPION_CHANGED = "robo-therapist.champion.changed"


def model_resource_id(model_name: str) -> str:
    """The event resource id of a registered model (what the trigger's `match` names)."""
    return f"mlflow.registered-model.{model_name}"


def champion_changed_event(registry: RegistrySettings, registered: dict[str, Any], run_id: str) -> dict[str, Any] | None:
    """`emit_event`'s arguments for a registration (`register_checkpoint`'s result) that moved the
    champion alias; None when champion stayed where it was."""
    if registry.champion_alias not in registered["aliases"]:
        return None
    name, version = registered["model_name"], str(registered["model_version"])
    before = registered["champion_before"]
    return {
        "event": CHAMPION_CHANGED,
        "resource": {"prefect.resource.id": model_resource_id(name), "prefect.resource.name": name,
                     "mlflow.model.version": version, "mlflow.model.alias": registry.champion_alias},
        "related": [{"prefect.resource.id": f"mlflow.run.{run_id}", "prefect.resource.role": "mlflow-run"}],
        "payload": {"model_name": name, "model_version": version, "model_uri": registered["model_uri"],
                    "alias": registry.champion_alias, "champion_uri": registry.champion_uri(),
                    "previous_version": None if before is None else str(before), "run_id": run_id,
                    "decision": registered["champion_decision"]},
    }


def announce_champion(registry: RegistrySettings, registered: dict[str, Any], run_id: str) -> Any:
    """Emit `robo-therapist.champion.changed` when the registration moved champion; returns the
    event (None when champion stayed, or when Prefect emits no events here)."""
    from prefect.events import emit_event

    event = champion_changed_event(registry, registered, run_id)
    return emit_event(**event) if event else None
