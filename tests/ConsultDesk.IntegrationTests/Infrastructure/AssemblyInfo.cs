// Hangfire's process-wide state means two app hosts must never be alive at once: collections run one after another,
// and each collection's host is disposed before the next one starts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
