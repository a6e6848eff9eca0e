// The race tests measure and print their elapsed time and load both cores; running test classes
// side by side would make those numbers meaningless and the races less sharp.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
