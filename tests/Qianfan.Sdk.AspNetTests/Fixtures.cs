using Qianfan.Sdk.Emulator;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>The sample as a developer first runs it: no credentials anywhere, so it starts its own emulator.</summary>
public sealed class ZeroConfigAppFixture : IAsyncLifetime
{
    internal SampleApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await SampleApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

/// <summary>
/// The sample configured through its <c>Qianfan</c> section to use an emulator the tests own (with credentials of its
/// own, so a leak would show), so the tests can arm faults and slow streams.
/// </summary>
public sealed class EmulatedAppFixture : IAsyncLifetime
{
    internal QianfanEmulator Emulator { get; private set; } = null!;

    internal SampleApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await QianfanEmulator.StartAsync(new QianfanEmulatorOptions
        {
            ApiKey = "aspnet-test-ak-" + Guid.NewGuid().ToString("N"),
            SecretKey = "aspnet-test-sk-" + Guid.NewGuid().ToString("N"),
            V2ApiKey = "bce-v3/ALTAK-aspnet-test/" + Guid.NewGuid().ToString("N"),
        });
        App = await SampleApp.StartAsync(SampleApp.EnvironmentFor(Emulator));
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>The secrets the app holds: none may ever show in a response or in its log.</summary>
    internal IEnumerable<string> Secrets() =>
        new[] { Emulator.SecretKey, Emulator.ApiKey, Emulator.V2ApiKey }
            .Concat(Emulator.Requests.Where(r => r.IsChat).Select(r => r.Query.GetValueOrDefault("access_token")).OfType<string>())
            .Distinct();
}
