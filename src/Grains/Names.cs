namespace ModelOps.Grains;

/// <summary>Names of Orleans providers and streams, in one place.</summary>
public static class Names
{
    /// <summary>Grain storage for model definitions, windows and the registry.</summary>
    public const string Storage = "modelops";

    public const string StreamProvider = "modelops-streams";

    /// <summary>Storage the stream provider keeps its subscriptions in.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>One stream per model (key: model id) carrying <see cref="Models.ModelBroadcast"/>.</summary>
    public const string ModelStreamNamespace = "model";

    /// <summary>The fleet stream (key: <see cref="FleetKey"/>) carrying <see cref="Models.FleetChange"/>.</summary>
    public const string FleetStreamNamespace = "fleet";

    /// <summary>The fleet-wide alert stream (key: <see cref="FleetKey"/>) carrying alerts.</summary>
    public const string AlertStreamNamespace = "alerts";

    /// <summary>The fleet's routing stream (key: <see cref="FleetKey"/>) carrying <see cref="Alerting.Routing.RoutingTable"/>.</summary>
    public const string RoutingStreamNamespace = "routing";

    public const string FleetKey = "all";
}
