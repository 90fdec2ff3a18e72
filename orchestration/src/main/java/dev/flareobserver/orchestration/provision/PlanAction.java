package dev.flareobserver.orchestration.provision;

/** What a plan does about one binding. A plan never deletes. */
public enum PlanAction {
    /** The resource is missing: apply creates it (and writes its id into the config). */
    CREATE,
    /** The resource exists and matches; apply may still write its id into the config ({@link PlanItem#writeBackId()}). */
    KEEP,
    /** The config and the account disagree; apply leaves it alone: a person decides. */
    DRIFT,
    /** This build can neither check nor create it (e.g. an R2 bucket in a jurisdiction); a person does it. */
    MANUAL
}
