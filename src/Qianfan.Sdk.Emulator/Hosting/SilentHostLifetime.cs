using Microsoft.Extensions.Hosting;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// A host lifetime that neither hooks Ctrl+C nor prints "Application started": an emulator inside a test process
/// must leave the console and its signals to the process that hosts it.
/// </summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
