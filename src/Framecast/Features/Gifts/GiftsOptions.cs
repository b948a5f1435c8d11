using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Gifts;

public sealed class GiftsOptions
{
    public const string Section = "Gifts";

    /// <summary>The receiving channel's share of a gift's price (rounded down); the rest is the platform's.</summary>
    [Range(0.0, 1.0)]
    public double ChannelShare { get; set; } = 0.7;
}
