# Company directory and company pages
directory-title = Companies
directory-heading = Companies
directory-lead = The companies validated for the { $edition } edition.
directory-filters = Filter the companies
directory-filter-specialty = Specialty
directory-all-specialties = All specialties
directory-filter-region = Region
directory-all-regions = All regions
directory-count = { $count ->
    [0] No company validated yet.
    [one] One company.
   *[other] { $count } companies.
}
directory-count-filtered = { $count ->
    [0] No company matches
    [one] One company matches
   *[other] { $count } companies match
}
directory-count-of = { $count ->
    [one] out of one validated.
   *[other] out of { $count } validated.
}
directory-back = ← All companies
directory-no-profile = This company has not filled in its profile yet.
directory-not-given = Not given
directory-participations = Participation in editions
directory-no-participation = No participation yet.
nav-directory = Companies
