using Microsoft.Extensions.AI;
using Qianfan.Sdk.Core.AI;

namespace Qianfan.Sdk.Tests.AI;

/// <summary>The mapping every platform's adapter shares, tested once here; the adapters' tests show it on the wire.</summary>
public sealed class AIMappingTests
{
    [Fact]
    public void SystemText_JoinsTheRequestsOwnTextInstructionsAndSystemMessagesInThatOrder()
    {
        var turns = new List<ChatMessage>();
        ChatMessage[] messages =
        [
            new(ChatRole.System, "规则一"),
            new(ChatRole.User, "你好"),
            new(ChatRole.System, "规则二"),
            new(ChatRole.Assistant, "你好！"),
        ];

        var system = AIMapping.SystemText("已有", new ChatOptions { Instructions = "简短" }, messages, turns.Add);

        Assert.Equal("已有\n\n简短\n\n规则一\n\n规则二", system);
        Assert.Equal([messages[1], messages[3]], turns);
    }

    [Fact]
    public void SystemText_IsNullWhenOptionsAndMessagesAddNone_SoTheRequestsOwnTextStands()
    {
        var turns = new List<ChatMessage>();

        Assert.Null(AIMapping.SystemText("已有", new ChatOptions(), [new ChatMessage(ChatRole.User, "你好")], turns.Add));
        Assert.Single(turns);
    }

    [Fact]
    public void SystemText_SkipsSystemMessagesWithoutText()
    {
        ChatMessage[] messages = [new(ChatRole.System, [new DataContent(new byte[] { 1 }, "image/png")]), new(ChatRole.System, " "), new(ChatRole.User, "你好")];

        Assert.Null(AIMapping.SystemText(null, null, messages, _ => { }));
        Assert.Equal("规则", AIMapping.SystemText(null, null, [messages[0], new ChatMessage(ChatRole.System, "规则")], _ => { }));
    }

    [Theory]
    [InlineData(ReasoningEffort.None, null)]
    [InlineData(ReasoningEffort.Low, 1024)]
    [InlineData(ReasoningEffort.Medium, 4096)]
    [InlineData(ReasoningEffort.High, 8192)]
    [InlineData(ReasoningEffort.ExtraHigh, 16384)]
    public void ThinkingBudget_GrowsWithTheEffort(ReasoningEffort effort, int? budget) =>
        Assert.Equal(budget, AIMapping.ThinkingBudget(effort));

    [Theory]
    [InlineData("call_1", "as-1", 0, "call_1")]
    [InlineData(null, "as-1", 2, "as-1-2")]
    [InlineData("", "as-1", 1, "as-1-1")]
    [InlineData(null, null, 1, "call-1")]
    [InlineData(null, "", 3, "call-3")]
    public void CallId_IsTheServicesOrOneMadeFromTheResponseAndThePlace(string? id, string? responseId, int index, string expected) =>
        Assert.Equal(expected, AIMapping.CallId(id, responseId, index));

    [Fact]
    public void Service_AnswersMetadataAdapterRootAndArea_AndNothingForAKey()
    {
        var metadata = new ChatClientMetadata("qianfan");
        var adapter = new object[] { "adapter" };
        var root = new Uri("https://root.example");
        var area = new Version(1, 0);

        Assert.Same(metadata, AIMapping.Service(typeof(ChatClientMetadata), null, metadata, adapter, root, area));
        Assert.Same(adapter, AIMapping.Service(typeof(object[]), null, metadata, adapter, root, area));
        Assert.Same(adapter, AIMapping.Service(typeof(object), null, metadata, adapter, root, area));
        Assert.Same(root, AIMapping.Service(typeof(Uri), null, metadata, adapter, root, area));
        Assert.Same(area, AIMapping.Service(typeof(Version), null, metadata, adapter, root, area));
        Assert.Null(AIMapping.Service(typeof(string), null, metadata, adapter, null, area));
        Assert.Null(AIMapping.Service(typeof(ChatClientMetadata), "key", metadata, adapter, root, area));
    }
}
