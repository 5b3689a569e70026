namespace ModelOps.Grains.Drift.Statistics;

/// <summary>Every drift statistic's descriptor, by its DESIGN name, for the method selector and per-feature overrides.</summary>
public static class DriftStatisticCatalog
{
    public static IReadOnlyList<DriftStatisticDescriptor> All { get; } =
    [
        KolmogorovSmirnov.Descriptor,
        Wasserstein.Descriptor,
        PopulationStabilityIndex.Descriptor,
        JensenShannon.Descriptor,
        Hellinger.Descriptor,
        ChiSquare.Descriptor,
        TwoProportionZTest.Descriptor,
    ];

    public static DriftStatisticDescriptor? Find(string name) => All.FirstOrDefault(descriptor => descriptor.Name == name);
}
