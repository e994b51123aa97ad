using Microsoft.Extensions.DependencyInjection;
using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Limits;

namespace Qianfan.Sdk.Core.Fleet;

/// <summary>
/// What a shared store (Qianfan.Sdk.Redis) lends every client of an application's instances: one token per
/// credential and one budget per account across the fleet. The store registers it under <see cref="KeyOf"/> of the
/// registration's builder; the platform's DI registration resolves it with <see cref="Resolve{TBuilder}"/> and hands
/// it to the client it makes. Its token providers pass <see cref="Tokens"/> to their
/// <see cref="SingleFlightTokenCache"/>, and its limits come from <see cref="ClientLimits.Create"/>.
/// </summary>
internal sealed class FleetServices(ISharedTokenStore? tokens, ISharedLimiterFactory? limiters)
{
    public ISharedTokenStore? Tokens { get; } = tokens;

    public ISharedLimiterFactory? Limiters { get; } = limiters;

    /// <summary>
    /// The service key of one registration's fleet services: its builder's type (so the platform) and its name, so
    /// that a Qianfan and a DashScope registration of the same name (or both the default) never take each other's.
    /// </summary>
    public static object KeyOf(ISdkClientBuilder builder) => new Key(builder.GetType(), builder.Name);

    /// <summary>What a shared store registered for the registration <paramref name="name"/> of <typeparamref name="TBuilder"/>'s platform; null when none did.</summary>
    public static FleetServices? Resolve<TBuilder>(IServiceProvider provider, string? name)
        where TBuilder : ISdkClientBuilder =>
        provider is IKeyedServiceProvider keyed ? keyed.GetKeyedService(typeof(FleetServices), new Key(typeof(TBuilder), name)) as FleetServices : null;

    private sealed record Key(Type Builder, string? Name);
}
