using System.Text.Json.Serialization.Metadata;

namespace Qianfan.Sdk.ConventionTests.Json;

/// <summary>
/// What the SDK sends is written the fast way. System.Text.Json's source generator writes a type with a serialization
/// method of its own only when nothing in the type needs its metadata path: no <c>[JsonExtensionData]</c> (a request's
/// extra fields are added by <c>JsonBody</c> instead), no converter on a property (it goes on the property's type), no
/// <c>object</c> members. The metadata path cost a V1 chat call 9 % of its own time (docs/benchmarks.md).
/// </summary>
public sealed class RequestBodyContractTests
{
    [Fact]
    public void EveryRequestBodyAndMessage_HasTheGeneratorsOwnWriter()
    {
        var slow = new SortedSet<string>(StringComparer.Ordinal);
        var checkedTypes = 0;
        foreach (var assembly in SdkContracts.Packages)
        {
            var contexts = SdkContracts.Contexts(assembly);
            var sent = assembly.GetTypes().Where(t => t.Name.EndsWith("RequestBody", StringComparison.Ordinal) || t.Name == "ChatMessage");
            foreach (var type in sent)
            {
                if (SdkContracts.Find(type, contexts) is not { } info)
                {
                    continue;
                }

                checkedTypes++;
                if (info.GetType().GetProperty(nameof(JsonTypeInfo<object>.SerializeHandler))!.GetValue(info) is null)
                {
                    slow.Add(type.FullName!);
                }
            }
        }

        Assert.True(checkedTypes >= 14, $"only {checkedTypes} request body types were found; the search lost its way");
        Assert.True(slow.Count == 0, "Written through the metadata path (extension data, a property's own converter, or an object member):\n" + string.Join('\n', slow));
    }
}
