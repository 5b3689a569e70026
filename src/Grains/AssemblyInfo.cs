using ModelOps.Contracts;

// Serializers for the wire contract are generated here, so src/Contracts stays free of the Orleans runtime.
[assembly: Orleans.GenerateCodeForDeclaringAssembly(typeof(ModelView))]
