namespace ConsultDesk.Domain.Matching;

public enum CompanySize
{
    /// <summary>Fewer than 50 employees.</summary>
    Small,
    /// <summary>50 to 299.</summary>
    Medium,
    /// <summary>300 or more.</summary>
    Large,
}

public enum IncentiveKind
{
    Subsidy,
    Tax,
    Housing,
    Other,
}

/// <summary>
/// What a 団体 (keyed by its 6-digit 全国地方公共団体コード) offers companies looking for a regional base: whom it
/// welcomes, its satellite offices and its incentives. Published profiles feed match suggestions and the public
/// directory. A few columns are kept derived from the offices and incentives so filters stay indexed queries.
/// </summary>
public sealed class MunicipalityProfile
{
    private readonly List<SatelliteOffice> offices = [];
    private readonly List<Incentive> incentives = [];

    private MunicipalityProfile() { }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameKana { get; private set; } = "";
    public string PrefectureCode { get; private set; } = "";
    /// <summary>The prefecture's region (hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu-okinawa).</summary>
    public string Region { get; private set; } = "";
    public string ContactDepartment { get; private set; } = "";
    /// <summary>Where introductions go; never shown on the public directory.</summary>
    public string ContactEmail { get; private set; } = "";
    public string? ContactPhone { get; private set; }
    public string? Description { get; private set; }
    /// <summary>Industries welcomed, as 日本標準産業分類 division letters; empty means any.</summary>
    public List<string> WelcomedIndustries { get; private set; } = [];
    /// <summary>Company sizes welcomed as wire names (small, medium, large); empty means any.</summary>
    public List<string> WelcomedCompanySizes { get; private set; } = [];
    public bool WelcomesWorkation { get; private set; }
    public bool WelcomesRelocation { get; private set; }
    public bool IsPublished { get; private set; }
    /// <summary>Shipped sample data, not a real municipality's offer.</summary>
    public bool IsSample { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Concurrency token and the API's ETag.</summary>
    public int Version { get; private set; }

    // Derived, for indexed filters and fast scoring.
    public int TotalSeats { get; private set; }
    public int AvailableSeats { get; private set; }
    /// <summary>The lowest monthly fee per seat among the offices (null without offices).</summary>
    public int? LowestMonthlyFeePerSeat { get; private set; }
    public int? FastestBandwidthMbps { get; private set; }
    public int? ShortestTravelMinutesFromTokyo { get; private set; }
    /// <summary>Bit set of <see cref="IncentiveKind"/> values offered (bit = 1 &lt;&lt; kind).</summary>
    public int IncentiveKinds { get; private set; }

    public IReadOnlyList<SatelliteOffice> Offices => offices;
    public IReadOnlyList<Incentive> Incentives => incentives;

    public static MunicipalityProfile Create(string code, string prefectureCode, string region, DateTime nowUtc) => new()
    {
        Code = code,
        PrefectureCode = prefectureCode,
        Region = region,
        UpdatedAt = nowUtc,
        Version = 0,
    };

    /// <summary>Replaces everything the profile says (the API's PUT and a CSV row group both do this).</summary>
    public void Update(MunicipalityDetails details, IEnumerable<SatelliteOffice> newOffices, IEnumerable<Incentive> newIncentives, DateTime nowUtc)
    {
        Name = details.Name;
        NameKana = details.NameKana;
        ContactDepartment = details.ContactDepartment;
        ContactEmail = details.ContactEmail;
        ContactPhone = details.ContactPhone;
        Description = details.Description;
        WelcomedIndustries = [.. details.WelcomedIndustries.Distinct(StringComparer.Ordinal)];
        WelcomedCompanySizes = [.. details.WelcomedCompanySizes.Distinct()];
        WelcomesWorkation = details.WelcomesWorkation;
        WelcomesRelocation = details.WelcomesRelocation;
        IsPublished = details.IsPublished;
        IsSample = details.IsSample;
        offices.Clear();
        offices.AddRange(newOffices);
        incentives.Clear();
        incentives.AddRange(newIncentives);
        TotalSeats = offices.Sum(o => o.Seats);
        AvailableSeats = offices.Sum(o => o.AvailableSeats);
        LowestMonthlyFeePerSeat = offices.Count == 0 ? null : offices.Min(o => o.MonthlyFeePerSeat);
        FastestBandwidthMbps = offices.Count == 0 ? null : offices.Max(o => o.BandwidthMbps);
        ShortestTravelMinutesFromTokyo = offices.Count == 0 ? null : offices.Min(o => o.TravelMinutesFromTokyo);
        IncentiveKinds = incentives.Aggregate(0, (bits, i) => bits | KindBit(i.Kind));
        UpdatedAt = nowUtc;
        Version++;
    }

    public static int KindBit(IncentiveKind kind) => 1 << (int)kind;

    public bool Offers(IncentiveKind kind) => (IncentiveKinds & KindBit(kind)) != 0;
}

/// <summary>The scalar part of a profile, as an editor or a CSV row gives it.</summary>
public sealed record MunicipalityDetails(
    string Name, string NameKana, string ContactDepartment, string ContactEmail, string? ContactPhone, string? Description,
    IReadOnlyList<string> WelcomedIndustries, IReadOnlyList<string> WelcomedCompanySizes,
    bool WelcomesWorkation, bool WelcomesRelocation, bool IsPublished, bool IsSample = false);

public sealed class SatelliteOffice
{
    private SatelliteOffice() { }

    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public int Seats { get; private set; }
    /// <summary>Seats free to rent now ("has free seats").</summary>
    public int AvailableSeats { get; private set; }
    /// <summary>Monthly fee per seat in yen (0 = free of charge).</summary>
    public int MonthlyFeePerSeat { get; private set; }
    public int BandwidthMbps { get; private set; }
    public int MeetingRooms { get; private set; }
    /// <summary>Free text such as 平日 9:00〜18:00.</summary>
    public string OpeningHours { get; private set; } = "";
    public int TravelMinutesFromTokyo { get; private set; }

    public static SatelliteOffice Create(string municipalityCode, string name, string address, int seats, int availableSeats, int monthlyFeePerSeat,
        int bandwidthMbps, int meetingRooms, string openingHours, int travelMinutesFromTokyo) => new()
    {
        Id = Guid.CreateVersion7(),
        MunicipalityCode = municipalityCode,
        Name = name,
        Address = address,
        Seats = seats,
        AvailableSeats = availableSeats,
        MonthlyFeePerSeat = monthlyFeePerSeat,
        BandwidthMbps = bandwidthMbps,
        MeetingRooms = meetingRooms,
        OpeningHours = openingHours,
        TravelMinutesFromTokyo = travelMinutesFromTokyo,
    };
}

public sealed class Incentive
{
    private Incentive() { }

    public Guid Id { get; private set; }
    public string MunicipalityCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IncentiveKind Kind { get; private set; }
    /// <summary>The most it pays, in yen (null when not capped or not money).</summary>
    public long? CapYen { get; private set; }
    /// <summary>Share of the cost covered, as written (e.g. 1/2, 10/10, 50%).</summary>
    public string? Rate { get; private set; }
    /// <summary>Who qualifies, as written.</summary>
    public string Eligibility { get; private set; } = "";
    public DateOnly? AvailableFrom { get; private set; }
    public DateOnly? AvailableUntil { get; private set; }

    public static Incentive Create(string municipalityCode, string name, IncentiveKind kind, long? capYen, string? rate, string eligibility,
        DateOnly? availableFrom, DateOnly? availableUntil) => new()
    {
        Id = Guid.CreateVersion7(),
        MunicipalityCode = municipalityCode,
        Name = name,
        Kind = kind,
        CapYen = capYen,
        Rate = rate,
        Eligibility = eligibility,
        AvailableFrom = availableFrom,
        AvailableUntil = availableUntil,
    };
}
