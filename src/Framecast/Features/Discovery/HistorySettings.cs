namespace Framecast.Features.Discovery;

/// <summary>An account's history switch; no row means history is recorded.</summary>
public sealed class HistorySettings
{
    public required string UserId { get; init; }
    public bool Paused { get; set; }
}
