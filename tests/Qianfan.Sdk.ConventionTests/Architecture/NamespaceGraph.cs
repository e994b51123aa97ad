using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Qianfan.Sdk.ConventionTests.Architecture;

/// <summary>
/// Which namespace uses which, read from the compiled assemblies with Mono.Cecil: every type a type names in its
/// base types, members, signatures, attributes and method bodies. Only the SDK's own namespaces are nodes.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>The namespaces found, each with the namespaces it uses and, for each, one example of the use.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Load(params string[] assemblyPaths)
    {
        var graph = new NamespaceGraph();
        foreach (var path in assemblyPaths)
        {
            using var module = ModuleDefinition.ReadModule(path);
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (IsOurs(from))
                {
                    graph.Scan(type, from);
                }
            }
        }

        return graph;
    }

    /// <summary>Whether a namespace is one of the SDK's (generated helpers such as the configuration binder's are not).</summary>
    public static bool IsOurs(string ns) => ns.StartsWith("Qianfan.Sdk", StringComparison.Ordinal);

    /// <summary>The uses of <paramref name="from"/>: namespace to an example type reference.</summary>
    public IReadOnlyDictionary<string, string> UsesOf(string from) =>
        _edges.TryGetValue(from, out var uses) ? uses : new Dictionary<string, string>();

    private void Scan(TypeDefinition type, string from)
    {
        Use(from, type.BaseType, type.FullName);
        foreach (var i in type.Interfaces)
        {
            Use(from, i.InterfaceType, type.FullName);
        }

        Attributes(from, type.CustomAttributes, type.FullName);
        foreach (var field in type.Fields)
        {
            Use(from, field.FieldType, $"{type.FullName}.{field.Name}");
            Attributes(from, field.CustomAttributes, $"{type.FullName}.{field.Name}");
        }

        foreach (var property in type.Properties)
        {
            Use(from, property.PropertyType, $"{type.FullName}.{property.Name}");
            Attributes(from, property.CustomAttributes, $"{type.FullName}.{property.Name}");
        }

        foreach (var method in type.Methods)
        {
            var where = $"{type.FullName}.{method.Name}";
            Use(from, method.ReturnType, where);
            foreach (var parameter in method.Parameters)
            {
                Use(from, parameter.ParameterType, where);
            }

            Attributes(from, method.CustomAttributes, where);
            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Use(from, variable.VariableType, where);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Use(from, t, where);
                        break;
                    case MethodReference m:
                        Use(from, m.DeclaringType, where);
                        Use(from, m.ReturnType, where);
                        if (m is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                Use(from, argument, where);
                            }
                        }

                        break;
                    case FieldReference f:
                        Use(from, f.DeclaringType, where);
                        Use(from, f.FieldType, where);
                        break;
                }
            }
        }
    }

    private void Attributes(string from, IEnumerable<CustomAttribute> attributes, string where)
    {
        foreach (var attribute in attributes)
        {
            Use(from, attribute.AttributeType, where);
            foreach (var argument in attribute.ConstructorArguments)
            {
                if (argument.Value is TypeReference t)
                {
                    Use(from, t, where);
                }
            }
        }
    }

    private void Use(string from, TypeReference? type, string where)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Use(from, generic.ElementType, where);
                foreach (var argument in generic.GenericArguments)
                {
                    Use(from, argument, where);
                }

                return;
            case TypeSpecification specification:
                Use(from, specification.ElementType, where);
                return;
        }

        var to = NamespaceOf(type);
        if (to == from || !IsOurs(to))
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var uses))
        {
            _edges[from] = uses = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        uses.TryAdd(to, $"{where} uses {type.FullName}");
    }

    /// <summary>A type's namespace; nested types (lambdas, state machines) count as their outermost declaring type's.</summary>
    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace;
    }
}
