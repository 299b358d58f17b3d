using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MlNetVision.Tests.Architecture;

/// <summary>
/// Which layer references which, read from the compiled IL with Mono.Cecil: base types, interfaces, fields, properties,
/// method signatures, attributes, generic arguments, and every type and member a method body touches. A layer is a
/// namespace cut to <see cref="Depth"/> segments below its assembly's root (<c>MlNetVision.Training.Optimizers</c> belongs
/// to <c>MlNetVision.Training</c>); compiler-generated types count for the type that holds them.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = [];
    private readonly Dictionary<(string From, string To), string> _examples = [];

    /// <summary>Layers below an assembly root: 1 (MlNetVision.X, MlNetVision.Suite.X, MlNetVision.Experiments.X).</summary>
    private const int Depth = 1;

    public static NamespaceGraph Read(params string[] assemblyPaths)
    {
        var graph = new NamespaceGraph();
        foreach (var path in assemblyPaths)
        {
            using var module = ModuleDefinition.ReadModule(path);
            foreach (var type in module.GetTypes())
            {
                var from = graph.Layer(Outermost(type).Namespace);
                if (from is null) continue;
                foreach (var used in References(type))
                    if (graph.Layer(used.Namespace) is { } to && to != from) graph.Add(from, to, $"{type.FullName} uses {used.FullName}");
            }
        }
        return graph;
    }

    public IReadOnlyCollection<string> Layers => _edges.Keys.Concat(_edges.Values.SelectMany(v => v)).Distinct().ToList();

    public IEnumerable<(string From, string To, string Example)> Edges =>
        _edges.SelectMany(e => e.Value.Select(to => (e.Key, to, _examples[(e.Key, to)])));

    private void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = [];
        if (targets.Add(to)) _examples[(from, to)] = example;
    }

    /// <summary>The layer of a namespace of ours, or null for anyone else's.</summary>
    private string? Layer(string ns)
    {
        if (ns != "MlNetVision" && !ns.StartsWith("MlNetVision.", StringComparison.Ordinal)) return null;
        var parts = ns.Split('.');
        int rootLength = parts.Length > 1 && parts[1] is "Suite" or "Experiments" or "Tests" ? 2 : 1;
        return string.Join('.', parts.Take(Math.Min(parts.Length, rootLength + Depth)));
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void AddType(TypeReference? t)
        {
            while (t is TypeSpecification spec)
            {
                if (spec is GenericInstanceType generic) foreach (var a in generic.GenericArguments) AddType(a);
                t = spec.ElementType;
            }
            if (t is null || t is GenericParameter) return;
            while (t.DeclaringType is not null) t = t.DeclaringType;
            found.Add(t);
        }
        void AddAttributes(ICustomAttributeProvider p)
        {
            foreach (var a in p.CustomAttributes)
            {
                AddType(a.AttributeType);
                foreach (var arg in a.ConstructorArguments) if (arg.Value is TypeReference t) AddType(t);
            }
        }
        AddType(type.BaseType);
        AddAttributes(type);
        foreach (var i in type.Interfaces) AddType(i.InterfaceType);
        foreach (var f in type.Fields) { AddType(f.FieldType); AddAttributes(f); }
        foreach (var p in type.Properties) { AddType(p.PropertyType); AddAttributes(p); }
        foreach (var e in type.Events) AddType(e.EventType);
        foreach (var m in type.Methods)
        {
            AddType(m.ReturnType);
            AddAttributes(m);
            foreach (var p in m.Parameters) AddType(p.ParameterType);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) AddType(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
                switch (instruction.Operand)
                {
                    case TypeReference t: AddType(t); break;
                    case MethodReference method:
                        AddType(method.DeclaringType);
                        AddType(method.ReturnType);
                        foreach (var p in method.Parameters) AddType(p.ParameterType);
                        if (method is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) AddType(a);
                        break;
                    case FieldReference field: AddType(field.DeclaringType); AddType(field.FieldType); break;
                }
        }
        return found;
    }
}
