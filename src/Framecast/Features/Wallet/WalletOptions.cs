using System.ComponentModel.DataAnnotations;

namespace Framecast.Features.Wallet;

public sealed class WalletOptions
{
    public const string Section = "Wallet";

    /// <summary>How often a worker proves every balance equals the sum of its entries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wrong voucher codes an account may try per <see cref="RedeemWindow"/> before it must wait: codes cannot be guessed.</summary>
    [Range(1, 1000)]
    public int RedeemFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RedeemWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The largest single grant or voucher value.</summary>
    [Range(1, long.MaxValue / 4)]
    public long MaxCoinsPerMovement { get; set; } = 1_000_000;
}
