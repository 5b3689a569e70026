namespace ModelOps.Grains.Labels;

/// <summary>What reading the label metrics of a model needs beyond its counts: its class names and its positive class (−1: multi-class).</summary>
public sealed record Scoring(ClassCatalog Classes, int PositiveClass)
{
    public bool Binary => PositiveClass >= 0;
}
