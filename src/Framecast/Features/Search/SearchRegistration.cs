using Framecast.Infrastructure.Data;

namespace Framecast.Features.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSearchFeature(this IServiceCollection services)
    {
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<DbConnectionFactory>().IsPostgres
            ? new PostgresSearchIndex(sp.GetRequiredService<DbConnectionFactory>())
            : new SqliteSearchIndex(sp.GetRequiredService<DbConnectionFactory>()));
        services.AddScoped<SearchService>();
        services.AddScoped<Videos.IVideoTextSearch, SearchVideoText>();
        return services;
    }
}
