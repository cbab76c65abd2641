package net.whoisd.server.update;

/** Processes update messages: the one door through which every change reaches the database. */
public interface UpdateService {
    UpdateResponse process(UpdateRequest request);
}
