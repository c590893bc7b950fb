package org.uma4j.tests.integrations;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts an app in a class loader of its own, as fat-jar launchers and containers do: the
 * system class path holds only this launcher, the app and its framework are in a child
 * {@link URLClassLoader} whose parent is the platform loader. Arguments: the child's class
 * path, the main class, then the app's arguments.
 */
public final class ChildLoaderLauncher {

    private ChildLoaderLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : args[0].split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        ClassLoader child = new URLClassLoader("app", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(child);
        Method main = child.loadClass(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
