using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.ConventionTests.Json;

/// <summary>
/// What the SDK reads from answers is read the fast way. System.Text.Json's source generator reads a type with
/// <c>init</c> accessors (or constructor parameters) through its parameterized-constructor path: every value is
/// boxed into an argument array and the object is built at the end, which cost 15 % of a whole sync call
/// (docs/benchmarks.md). Results and every object inside them therefore have plain setters.
/// </summary>
public sealed class ResultContractTests
{
    [Fact]
    public void EveryResultAndWhatItHolds_IsCreatedWithoutConstructorArguments()
    {
        var slow = new SortedSet<string>(StringComparer.Ordinal);
        var checkedTypes = 0;
        foreach (var assembly in SdkContracts.Packages)
        {
            var contexts = SdkContracts.Contexts(assembly);
            var seen = new HashSet<Type>();
            foreach (var result in assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ServiceResult)) && !t.IsAbstract))
            {
                Walk(result, contexts, seen, slow);
            }

            checkedTypes += seen.Count;
        }

        Assert.True(checkedTypes > 50, $"only {checkedTypes} result types were found; the walk lost its way");
        Assert.True(slow.Count == 0, "Read through the parameterized-constructor path (init accessors or constructor parameters; give them setters):\n" + string.Join('\n', slow));
    }

    private static void Walk(Type type, List<JsonSerializerContext> contexts, HashSet<Type> seen, SortedSet<string> slow)
    {
        if (!seen.Add(type) || type == typeof(JsonElement) || type == typeof(string))
        {
            return;
        }

        var info = SdkContracts.Find(type, contexts);
        if (info is null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (info.CreateObject is null && !type.IsAbstract && !type.IsInterface)
                {
                    slow.Add(type.FullName!);
                }

                // A property read by a converter of its own (a message's content, text or parts), or not read at all
                // ([JsonIgnore]: no setter in the contract), is not read by contract.
                foreach (var property in info.Properties.Where(p => p.CustomConverter is null && p.Set is not null))
                {
                    Walk(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, contexts, seen, slow);
                }

                break;
            case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                var element = info.ElementType!;
                Walk(Nullable.GetUnderlyingType(element) ?? element, contexts, seen, slow);
                break;
        }
    }
}
