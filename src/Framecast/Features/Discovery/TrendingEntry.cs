namespace Framecast.Features.Discovery;

/// <summary>One place in a trending list as last computed by <see cref="TrendingCalculator"/>; <see cref="Tag"/> null is the overall list.</summary>
public sealed class TrendingEntry
{
    public required string VideoId { get; init; }
    public string? Tag { get; init; }
    public double Score { get; init; }
    public int Rank { get; init; }
    public DateTime ComputedAt { get; init; }
}
