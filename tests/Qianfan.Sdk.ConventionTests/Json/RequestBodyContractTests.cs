using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Qianfan.Sdk.ConventionTests.Json;

/// <summary>
/// What the SDK sends is written the fast way. System.Text.Json's source generator writes a type with a serialization
/// method of its own only when nothing in the type needs its metadata path: no <c>[JsonExtensionData]</c> (a request's
/// extra fields are added by <c>JsonBody</c> instead), no converter on a property (it goes on the property's type), no
/// <c>object</c> members. The metadata path cost a V1 chat call 9 % of its own time (docs/benchmarks.md). Every
/// request body, and every object it holds, is checked.
/// </summary>
public sealed class RequestBodyContractTests
{
    /// <summary>
    /// DashScope's extra fields go inside <c>parameters</c>, not at the top level where <c>JsonBody</c> adds them, so
    /// those two objects keep <c>[JsonExtensionData]</c> and the metadata path.
    /// </summary>
    private static readonly HashSet<string> NestedExtraFields =
    [
        "Qianfan.Sdk.DashScope.Generation.GenerationParametersBody",
        "Qianfan.Sdk.DashScope.Images.ImageSynthesisParametersBody",
    ];

    [Fact]
    public void EveryRequestBodyAndWhatItHolds_HasTheGeneratorsOwnWriter()
    {
        var slow = new SortedSet<string>(StringComparer.Ordinal);
        var bodies = 0;
        var seen = new HashSet<Type>();
        foreach (var assembly in SdkContracts.Packages)
        {
            var contexts = SdkContracts.Contexts(assembly);
            foreach (var body in assembly.GetTypes().Where(t => t.Name.EndsWith("RequestBody", StringComparison.Ordinal) && SdkContracts.Find(t, contexts) is not null))
            {
                bodies++;
                Walk(body, contexts, seen, slow);
            }
        }

        Assert.True(NestedExtraFields.IsSubsetOf(seen.Select(t => t.FullName!)), "a DashScope parameters type was renamed or moved: update the exception list");
        slow.ExceptWith(NestedExtraFields);
        Assert.True(bodies >= 12 && seen.Count > bodies, $"only {bodies} request bodies and {seen.Count} types were found; the walk lost its way");
        Assert.True(slow.Count == 0, "Written through the metadata path (extension data, a property's own converter, or an object member):\n" + string.Join('\n', slow));
    }

    private static void Walk(Type type, List<JsonSerializerContext> contexts, HashSet<Type> seen, SortedSet<string> slow)
    {
        if (!seen.Add(type) || type == typeof(JsonElement) || type == typeof(string) || SdkContracts.Find(type, contexts) is not { } info)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (info.GetType().GetProperty(nameof(JsonTypeInfo<object>.SerializeHandler))!.GetValue(info) is null)
                {
                    slow.Add(type.FullName!);
                }

                // A property written by its type's own converter (a message's content, text or parts) is the converter's.
                foreach (var property in info.Properties.Where(p => p.Get is not null))
                {
                    Walk(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, contexts, seen, slow);
                }

                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                Walk(Nullable.GetUnderlyingType(info.ElementType!) ?? info.ElementType!, contexts, seen, slow);
                break;
        }
    }
}
