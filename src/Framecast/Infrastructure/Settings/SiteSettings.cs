using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Framecast.Infrastructure.Settings;

public sealed record SiteSettingsValues(string SiteName, bool RegistrationOpen)
{
    public const int MaxSiteNameLength = 60;

    public static readonly SiteSettingsValues Defaults = new("Framecast", RegistrationOpen: true);
}

/// <summary>
/// Settings admins change at run time, kept in the database so every node reads the same. Every page asks for them, so
/// each node keeps them for <see cref="CacheFor"/>: another node sees a change within that; this one at once.
/// </summary>
public sealed class SiteSettings(FramecastDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const string CacheKey = "site-settings";
    private const string SiteNameKey = "site_name";
    private const string RegistrationOpenKey = "registration_open";

    public async Task<SiteSettingsValues> GetAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out SiteSettingsValues? cached) && cached is not null)
        {
            return cached;
        }
        var rows = await db.Set<SiteSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var values = new SiteSettingsValues(
            rows.GetValueOrDefault(SiteNameKey) ?? SiteSettingsValues.Defaults.SiteName,
            rows.TryGetValue(RegistrationOpenKey, out var open) ? open == "true" : SiteSettingsValues.Defaults.RegistrationOpen);
        cache.Set(CacheKey, values, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheFor });
        return values;
    }

    public async Task<SiteSettingsValues> UpdateAsync(string? siteName, bool? registrationOpen, CancellationToken cancellationToken)
    {
        if (siteName is not null)
        {
            await SetAsync(SiteNameKey, siteName, cancellationToken);
        }
        if (registrationOpen is { } open)
        {
            await SetAsync(RegistrationOpenKey, open ? "true" : "false", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
        return await GetAsync(cancellationToken);
    }

    private async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        var row = await db.Set<SiteSetting>().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            db.Add(new SiteSetting { Key = key, Value = value });
        }
        else
        {
            row.Value = value;
        }
    }
}
