namespace Qianfan.Sdk.ConventionTests.Architecture;

/// <summary>
/// The layering of the SDK's namespaces, checked on the compiled assemblies so a change that breaks it fails CI:
/// the shared pipeline knows no platform, authentication knows no area, areas never reach up to the root client,
/// and no two namespaces use each other, directly or around a loop.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Load(
        typeof(Core.ServiceResult).Assembly.Location,
        typeof(QianfanClient).Assembly.Location,
        typeof(Redis.QianfanRedisOptions).Assembly.Location,
        typeof(DashScope.DashScopeClient).Assembly.Location,
        typeof(Zhipu.ZhipuClient).Assembly.Location);

    [Fact]
    public void Pipeline_ReferencesNoPlatformNamespace()
    {
        var offending = Graph.Edges
            .Where(e => e.Key.StartsWith("Qianfan.Sdk.Core", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Where(u => !u.Key.StartsWith("Qianfan.Sdk.Core", StringComparison.Ordinal)).Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "The shared pipeline must know no platform:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Authentication_KnowsNothingOfTheAreas()
    {
        var allowed = new[] { "Qianfan.Sdk.Core", "Qianfan.Sdk.Errors", "Qianfan.Sdk.Authentication" };
        var offending = Graph.UsesOf("Qianfan.Sdk.Authentication")
            .Where(u => !allowed.Any(a => u.Key.StartsWith(a, StringComparison.Ordinal)))
            .Select(u => u.Value)
            .ToList();

        Assert.True(offending.Count == 0, "Authentication may use only the pipeline and the errors:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Areas_DoNotReachUpToTheRootClient()
    {
        // The root (QianfanClient, options, credentials) hands out the areas, so nothing below it may use it; only the
        // layers above it (its DI registration, the Microsoft.Extensions.AI adapters) do.
        var above = new[] { "Qianfan.Sdk", "Qianfan.Sdk.DependencyInjection", "Qianfan.Sdk.AI" };
        var offending = Graph.Edges
            .Where(e => !above.Contains(e.Key))
            .SelectMany(e => e.Value.Where(u => u.Key == "Qianfan.Sdk").Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "Only the root and its DI registration may use the root namespace:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void DashScope_BuildsOnCoreOnly_NotOnTheQianfanPackage()
    {
        var offending = Graph.Edges
            .Where(e => e.Key.StartsWith("Qianfan.Sdk.DashScope", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Where(u => !u.Key.StartsWith("Qianfan.Sdk.DashScope", StringComparison.Ordinal) && !u.Key.StartsWith("Qianfan.Sdk.Core", StringComparison.Ordinal)).Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "The DashScope package may use Core and itself only:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Redis_BuildsOnCoreOnly_NotOnAPlatformPackage()
    {
        // UseRedis serves every platform through Core's ISdkClientBuilder and fleet hooks, so it references none of them.
        var assemblies = typeof(Redis.QianfanRedisOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Qianfan.Sdk", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Qianfan.Sdk.Core"], assemblies);

        var offending = Graph.Edges
            .Where(e => e.Key.StartsWith("Qianfan.Sdk.Redis", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Where(u => !u.Key.StartsWith("Qianfan.Sdk.Redis", StringComparison.Ordinal) && !u.Key.StartsWith("Qianfan.Sdk.Core", StringComparison.Ordinal)).Select(u => u.Value))
            .ToList();
        Assert.True(offending.Count == 0, "The Redis package may use Core and itself only:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void DashScopeAreas_DoNotReachUpToTheirRootClient()
    {
        var above = new[] { "Qianfan.Sdk.DashScope", "Qianfan.Sdk.DashScope.DependencyInjection", "Qianfan.Sdk.DashScope.AI", "Microsoft.Extensions.AI" };
        var offending = Graph.Edges
            .Where(e => !above.Contains(e.Key))
            .SelectMany(e => e.Value.Where(u => u.Key == "Qianfan.Sdk.DashScope").Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "Only DashScope's root, its DI registration and its adapter may use its root namespace:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Zhipu_BuildsOnCoreOnly_NotOnTheQianfanPackage()
    {
        var offending = Graph.Edges
            .Where(e => e.Key.StartsWith("Qianfan.Sdk.Zhipu", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Where(u => !u.Key.StartsWith("Qianfan.Sdk.Zhipu", StringComparison.Ordinal) && !u.Key.StartsWith("Qianfan.Sdk.Core", StringComparison.Ordinal)).Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "The Zhipu package may use Core and itself only:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void ZhipuAuthentication_KnowsNothingOfTheAreas()
    {
        var allowed = new[] { "Qianfan.Sdk.Core", "Qianfan.Sdk.Zhipu.Errors", "Qianfan.Sdk.Zhipu.Authentication" };
        var offending = Graph.UsesOf("Qianfan.Sdk.Zhipu.Authentication")
            .Where(u => !allowed.Any(a => u.Key.StartsWith(a, StringComparison.Ordinal)))
            .Select(u => u.Value)
            .ToList();

        Assert.True(offending.Count == 0, "Zhipu's authentication may use only the pipeline and the errors:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void ZhipuAreas_DoNotReachUpToTheirRootClient()
    {
        var above = new[] { "Qianfan.Sdk.Zhipu", "Qianfan.Sdk.Zhipu.DependencyInjection", "Qianfan.Sdk.Zhipu.AI", "Microsoft.Extensions.AI" };
        var offending = Graph.Edges
            .Where(e => !above.Contains(e.Key))
            .SelectMany(e => e.Value.Where(u => u.Key == "Qianfan.Sdk.Zhipu").Select(u => u.Value))
            .ToList();

        Assert.True(offending.Count == 0, "Only Zhipu's root, its DI registration and its adapter may use its root namespace:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Namespaces_HaveNoCycles()
    {
        var cycles = Cycles.Find(Graph.Edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value.Keys));
        var described = cycles.Select(cycle => string.Join(" -> ", cycle) + "\n  " + string.Join("\n  ", Examples(cycle))).ToList();

        Assert.True(described.Count == 0, "Namespace cycles:\n" + string.Join("\n", described));
    }

    [Fact]
    public void Graph_SeesTheLayering()
    {
        // A guard for the guard: if the scan saw nothing, every rule above would pass vacuously.
        Assert.Contains("Qianfan.Sdk.Core.Pipeline", Graph.UsesOf("Qianfan.Sdk.Chat").Keys);
        Assert.Contains("Qianfan.Sdk.Chat", Graph.UsesOf("Qianfan.Sdk").Keys);
        Assert.Contains("Qianfan.Sdk.Errors", Graph.UsesOf("Qianfan.Sdk.Authentication").Keys);
        Assert.Contains("Qianfan.Sdk.Core.Pipeline", Graph.UsesOf("Qianfan.Sdk.DashScope.Generation").Keys);
        Assert.Contains("Qianfan.Sdk.DashScope.Tasks", Graph.UsesOf("Qianfan.Sdk.DashScope.Images").Keys);
        Assert.Contains("Qianfan.Sdk.DashScope.Generation", Graph.UsesOf("Qianfan.Sdk.DashScope").Keys);
        Assert.Contains("Qianfan.Sdk.Core.Pipeline", Graph.UsesOf("Qianfan.Sdk.Zhipu.Chat").Keys);
        Assert.Contains("Qianfan.Sdk.Zhipu.Errors", Graph.UsesOf("Qianfan.Sdk.Zhipu.Authentication").Keys);
        Assert.Contains("Qianfan.Sdk.Zhipu.Chat", Graph.UsesOf("Qianfan.Sdk.Zhipu").Keys);
    }

    private static IEnumerable<string> Examples(List<string> cycle)
    {
        for (var i = 0; i < cycle.Count - 1; i++)
        {
            yield return Graph.UsesOf(cycle[i])[cycle[i + 1]];
        }
    }
}
