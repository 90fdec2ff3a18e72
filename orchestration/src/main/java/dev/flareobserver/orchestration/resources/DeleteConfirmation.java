package dev.flareobserver.orchestration.resources;

/** Deletes are confirmed by typing the resource's exact name; checked before any request. */
public final class DeleteConfirmation {

    private DeleteConfirmation() {
    }

    /**
     * @param kind what is deleted, for the message ("KV namespace", "R2 bucket", "key")
     * @throws ConfirmationMismatchException unless {@code typed} equals {@code name} exactly
     */
    public static void require(String kind, String name, String typed) {
        if (name == null || !name.equals(typed)) {
            throw new ConfirmationMismatchException(kind, name);
        }
    }
}
