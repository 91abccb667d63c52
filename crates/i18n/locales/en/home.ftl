# Home
home-title = Home
home-heading = Passerelle, the Open Innovation meetings
home-lead = Passerelle brings together higher-education and research institutions, which describe their digital needs (“irritants”), and the innovative companies able to solve them.
home-how = Institutions publish their irritants, business managers recruit companies, organisers prepare who meets whom, then everyone meets on a day of one-to-one meetings and follows the proofs of concept that come out of it.
home-current-edition = Current edition: { $edition }
home-published-count = { $count ->
    [0] No irritant published yet.
    [one] One irritant published.
   *[other] { $count } irritants published.
}
home-see-catalogue = See the catalogue of irritants
home-phases = The edition’s phases
home-phase-current = current phase
home-no-edition = No edition is open at the moment.
home-who = Who is it for?
home-who-institutions = Institutions: describe your irritants and meet the companies that can solve them.
home-who-companies = Companies: present your specialties and discover the needs of universities.
home-who-managers = Business managers: invite your companies and follow their progress.
home-who-organisers = Organisers: validate, match, schedule and follow up.
