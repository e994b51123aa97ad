using System.Text.RegularExpressions;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Cli;

/// <summary>Where the command-line sample gets its credentials, and that it never prints them.</summary>
[Collection(CliProcess.Collection)]
public sealed partial class CliEnvironmentTests
{
    private const string ApiKey = "ak-zebra-7f3e9c0d";
    private const string SecretKey = "sk-walrus-91d2b4aa";

    private static readonly string NL = Environment.NewLine;

    [Fact]
    public async Task Verbose_LogsHttpActivityToStderr_ButNeverTheKeysOrTokens()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = ApiKey, SecretKey = SecretKey });
        // Every token serves one call, so the run exchanges keys three times and logs a token rejection twice.
        emu.Scenarios.ExpireTokensAfterCalls = 1;

        var result = await CliProcess.RunAsync(["chat", "--verbose"], CliProcess.EnvironmentFor(emu), "q1\nq2\nq3\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, emu.Requests.Count(r => r.IsTokenRequest));
        Assert.Contains("chat/ernie-lite-8k", result.StdErr, StringComparison.Ordinal); // verbose logging happened
        Assert.Equal(string.Concat(new[] { "q1", "q2", "q3" }.Select(q => $"这是千帆模拟器的回答。你说的是：{q}。祝你一切顺利！{NL}")), result.StdOut);
        AssertNoSecrets(result, ApiKey, SecretKey);
    }

    [Fact]
    public async Task WithoutCredentials_StartsItsOwnEmulator_AndSaysSoOnStderr()
    {
        var result = await CliProcess.RunAsync(["chat", "--verbose", "你好"], environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！{NL}", result.StdOut);
        Assert.Contains("notice:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("emulator", result.StdErr, StringComparison.Ordinal);
        Assert.Matches(@"http://127\.0\.0\.1:\d+", result.StdErr);
        AssertNoSecrets(result, QianfanEmulatorOptions.DefaultApiKey, QianfanEmulatorOptions.DefaultSecretKey);
    }

    [Fact]
    public async Task ReadyAccessToken_IsUsedWithoutAnExchange_AndNotPrinted()
    {
        await using var emu = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = ApiKey, SecretKey = SecretKey });
        var token = emu.CreateAccessToken();
        var environment = new Dictionary<string, string>
        {
            ["QIANFAN_ACCESS_TOKEN"] = token,
            ["QIANFAN_BASE_URL"] = emu.BaseUrl,
        };

        var result = await CliProcess.RunAsync(["chat", "--verbose", "--stream", "你好"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"这是千帆模拟器的回答。你说的是：你好。祝你一切顺利！{NL}", result.StdOut);
        Assert.DoesNotContain(emu.Requests, r => r.IsTokenRequest);
        Assert.Single(emu.Requests, r => r.IsChat);
        Assert.DoesNotContain(token, result.StdErr + result.StdOut, StringComparison.Ordinal);
        AssertNoSecrets(result, ApiKey, SecretKey);
    }

    private static void AssertNoSecrets(CliResult result, string apiKey, string secretKey)
    {
        var printed = result.StdOut + result.StdErr;
        Assert.DoesNotContain(apiKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("client_secret=", printed, StringComparison.Ordinal);
        Assert.DoesNotMatch(AccessTokenParameter(), printed);
        // The emulator issues tokens shaped like the service's: 24.<32 hex>.<lifetime>.<expiry>.<app>.
        Assert.DoesNotMatch(IssuedToken(), printed);
    }

    [GeneratedRegex(@"access_token=(?!\*\*\*)[^\s&""]")]
    private static partial Regex AccessTokenParameter();

    [GeneratedRegex(@"24\.[0-9a-f]{32}\.")]
    private static partial Regex IssuedToken();
}
