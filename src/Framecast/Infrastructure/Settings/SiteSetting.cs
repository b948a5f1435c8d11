using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Infrastructure.Settings;

/// <summary>One setting an admin changed (absent rows take <see cref="SiteSettingsValues.Defaults"/>).</summary>
public sealed class SiteSetting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}

public sealed class SiteSettingConfiguration : IEntityTypeConfiguration<SiteSetting>
{
    public void Configure(EntityTypeBuilder<SiteSetting> builder)
    {
        builder.ToTable("site_settings");
        builder.HasKey(s => s.Key);
    }
}
