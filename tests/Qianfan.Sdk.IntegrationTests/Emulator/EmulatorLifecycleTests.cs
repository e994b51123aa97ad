using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task StartAsync_ListensOnLoopbackWithAnOsChosenPort()
    {
        await using var first = await QianfanEmulator.StartAsync();
        await using var second = await QianfanEmulator.StartAsync();

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", first.BaseUrl);
        Assert.NotEqual(first.BaseUri.Port, second.BaseUri.Port);
        Assert.NotEqual(0, first.BaseUri.Port);
        Assert.Equal(QianfanEmulatorOptions.DefaultApiKey, first.ApiKey);
        Assert.Equal("emulator-api-key", first.ApiKey);
        Assert.Equal("emulator-secret-key", first.SecretKey);
    }

    [Fact]
    public async Task StartAsync_HonoursAnExplicitPort_AndDisposeReleasesIt()
    {
        int port;
        using (var probe = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { Port = port, Host = "localhost" });
        Assert.Equal($"http://127.0.0.1:{port}", emulator.BaseUrl);
        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await using var again = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions { Port = port });
        Assert.Equal(port, again.BaseUri.Port);
    }

    [Fact]
    public async Task StartAsync_RejectsInvalidOptions()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => QianfanEmulator.StartAsync(new QianfanEmulatorOptions { ApiKey = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => QianfanEmulator.StartAsync(new QianfanEmulatorOptions { Host = "example.com" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => QianfanEmulator.StartAsync(new QianfanEmulatorOptions { Port = 70000 }));
    }

    [Fact]
    public async Task StartAsync_OptionsChangedAfterStartHaveNoEffect()
    {
        var options = new QianfanEmulatorOptions();
        await using var session = await EmulatorSession.StartAsync(options);

        options.ApiKey = "changed";
        using var response = await session.RequestTokenAsync(QianfanEmulatorOptions.DefaultApiKey, QianfanEmulatorOptions.DefaultSecretKey);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(QianfanEmulatorOptions.DefaultApiKey, session.Emulator.ApiKey);
    }

    [Fact]
    public async Task LoggerFactory_ReceivesMaskedRequestLines()
    {
        var logs = new FakeLogCollector();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        await using var session = await EmulatorSession.StartAsync(new QianfanEmulatorOptions { LoggerFactory = factory });

        var token = await session.GetTokenAsync();
        await session.ChatAsync(EmulatorSession.UserBody("hi"), token: token);

        var lines = logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Contains(lines, line => line.Contains("/oauth/2.0/token", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("access_token=***", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(session.Emulator.SecretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
    }
}
