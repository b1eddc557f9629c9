package com.usersservice.migration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** The machine's MariaDB at 127.0.0.1:3306 (root, no password), where one runs; tests skip visibly otherwise. */
final class MariaDb {

	static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

	static final String USERNAME = "root";

	static final String PASSWORD = "";

	private static final AtomicInteger databases = new AtomicInteger();

	private MariaDb() {
	}

	static boolean reachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 3306), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A new database with a name no parallel run shares. */
	static Database createDatabase(String prefix) {
		String name = prefix + "_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
		new Database(SERVER, USERNAME, PASSWORD).execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		return new Database(SERVER + name, USERNAME, PASSWORD);
	}

	static String name(Database database) {
		return database.url().substring(SERVER.length());
	}

}
