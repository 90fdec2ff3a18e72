package dev.flareobserver.app.page.resources;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Where the resource pages ask for files (upload, download, import, export). The app uses the native
 * dialogs; UI tests pass their own, so they never need a native window. FX thread.
 */
public interface FileDialogs {

    /** A file to read, or empty when cancelled. */
    Optional<Path> open(String title, Window owner);

    /** A file to write, or empty when cancelled. */
    Optional<Path> save(String title, String suggestedName, Window owner);

    static FileDialogs nativeDialogs() {
        return new FileDialogs() {
            @Override
            public Optional<Path> open(String title, Window owner) {
                FileChooser chooser = chooser(title);
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, Window owner) {
                FileChooser chooser = chooser(title);
                chooser.setInitialFileName(suggestedName);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }

            private FileChooser chooser(String title) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                File home = new File(System.getProperty("user.home", "."));
                if (home.isDirectory()) {
                    chooser.setInitialDirectory(home);
                }
                return chooser;
            }
        };
    }
}
