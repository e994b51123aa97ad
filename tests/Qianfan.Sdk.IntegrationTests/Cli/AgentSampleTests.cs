using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>
/// The agent sample (<c>samples/Qianfan.Samples.Agent</c>, Microsoft Agent Framework over the SDK's IChatClient) run as
/// a newcomer runs it: with no credentials it uses the emulator, the agent calls the tools, and the conversation goes on.
/// </summary>
[Collection(CliProcess.Collection)]
public sealed class AgentSampleTests
{
    private const string Dll = "qianfan-agent.dll";

    [Fact]
    public async Task WithNoCredentials_TheAgentCallsBothToolsOnV2_ThenAnswersTheNextTurn()
    {
        var result = await CliProcess.RunAsync([], environment: null, dll: Dll);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("notice: no Qianfan credentials are set; using the offline Qianfan emulator at http://127.0.0.1:", result.StdErr, StringComparison.Ordinal);
        var lines = result.StdOut.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "> 北京的天气和时间",
                "  [tool] get_weather(city: 北京的天气和时间) → 晴，25度",
                "  [tool] get_time() → 10:00",
                "这是千帆模拟器的回答。工具 get_time 返回的结果是：10:00。祝你一切顺利！",
                "> 谢谢，再见",
                "这是千帆模拟器的回答。你说的是：谢谢，再见。祝你一切顺利！",
            ],
            lines);
    }

    [Fact]
    public async Task OnV1FunctionCalling_AgainstAGivenService_TheAgentCallsTheFunction()
    {
        await using var emulator = await QianfanEmulator.StartAsync();
        var environment = CliProcess.EnvironmentFor(emulator);

        var result = await CliProcess.RunAsync(["--v1", "ERNIE-3.5-8K", "上海天气怎么样"], environment, dll: Dll);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdErr);
        Assert.Contains("  [tool] get_weather(city: 上海天气怎么样) → 晴，25度", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("这是千帆模拟器的回答。函数 get_weather 返回的结果是：晴，25度。祝你一切顺利！", result.StdOut.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count(r => r.IsChat));
    }
}
