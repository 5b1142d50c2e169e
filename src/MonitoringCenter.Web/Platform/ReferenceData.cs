using System.Globalization;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

public sealed record Province(string Code, string NameVi, string NameEn, bool CentrallyRunCity, int Population, int RegionalOffices);

/// <summary>
/// The 34 provincial agencies (from the embedded copy of <c>provinces.csv</c>) and their
/// regional offices, written idempotently after the migrations.
/// </summary>
public sealed class ReferenceData(NpgsqlDataSource dataSource)
{
    public static IReadOnlyList<Province> Provinces { get; } = ReadProvinces();

    public static string OfficeCode(string provinceCode, int number) => $"{provinceCode}-{number:00}";

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            insert into province (code, name_vi, name_en, centrally_run_city, population, regional_offices)
            values (@Code, @NameVi, @NameEn, @CentrallyRunCity, @Population, @RegionalOffices)
            on conflict (code) do update set name_vi = excluded.name_vi, name_en = excluded.name_en,
                centrally_run_city = excluded.centrally_run_city, population = excluded.population,
                regional_offices = excluded.regional_offices
            """, Provinces, transaction);
        var offices = Provinces.SelectMany(p => Enumerable.Range(1, p.RegionalOffices).Select(n => new
        {
            Code = OfficeCode(p.Code, n),
            ProvinceCode = p.Code,
            NameVi = $"Phòng Thi hành án dân sự khu vực {n} – {p.NameVi}",
        }));
        await connection.ExecuteAsync("""
            insert into office (code, province_code, name_vi) values (@Code, @ProvinceCode, @NameVi)
            on conflict (code) do nothing
            """, offices, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static List<Province> ReadProvinces()
    {
        var text = MigrationRunner.ReadResource(typeof(ReferenceData).Assembly, "MonitoringCenter.Web.Platform.Seed.provinces.csv");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new Province(f[0], f[1], f[2], bool.Parse(f[3]), int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
