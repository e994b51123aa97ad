using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Qianfan.Sdk.ConventionTests.Json;

/// <summary>The packages' source-generated JSON contracts, for the tests that check how they read and write.</summary>
internal static class SdkContracts
{
    public static readonly Assembly[] Packages =
    [
        typeof(QianfanClient).Assembly,
        typeof(Zhipu.ZhipuClient).Assembly,
        typeof(DashScope.DashScopeClient).Assembly,
    ];

    /// <summary>Every JSON context of <paramref name="assembly"/>, by its default instance.</summary>
    public static List<JsonSerializerContext> Contexts(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract)
            .Select(t => (JsonSerializerContext)t.GetProperty("Default", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!)
            .ToList();

    /// <summary>The contract of <paramref name="type"/> in the first of <paramref name="contexts"/> that has one.</summary>
    public static JsonTypeInfo? Find(Type type, List<JsonSerializerContext> contexts) =>
        contexts.Select(c => c.GetTypeInfo(type)).FirstOrDefault(i => i is not null);
}
