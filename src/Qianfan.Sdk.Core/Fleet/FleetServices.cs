using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Core.Limits;

namespace Qianfan.Sdk.Core.Fleet;

/// <summary>
/// What a shared store (Qianfan.Sdk.Redis) lends every client of an application's instances: one token per
/// credential and one budget per account across the fleet. A platform's DI registration resolves it (keyed like the
/// client) and hands it to the client it makes; its token providers pass <see cref="Tokens"/> to their
/// <see cref="SingleFlightTokenCache"/>, and its limits come from <see cref="Limiters"/>.
/// </summary>
internal sealed class FleetServices(ISharedTokenStore? tokens, ISharedLimiterFactory? limiters)
{
    public ISharedTokenStore? Tokens { get; } = tokens;

    public ISharedLimiterFactory? Limiters { get; } = limiters;
}
