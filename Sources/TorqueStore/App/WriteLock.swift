/// One writer at a time, in order of arrival, without blocking a thread.
///
/// SQLite allows one write transaction per file. Left to itself, every waiting writer sits in
/// SQLite's busy handler on one of the few I/O threads, so the writer that holds the lock can
/// starve for a thread and everything stalls until the busy timeout (seen with 20 concurrent lead
/// intakes). Queueing writers here first leaves the busy handler to other processes only.
/// Written by hand: none of the packages we use offers an async mutex.
actor WriteLock {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !held { held = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty { held = false } else { waiters.removeFirst().resume() }
    }
}
