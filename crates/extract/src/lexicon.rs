//! Word lists: general knowledge about English news text (countries and their
//! adjectives, major cities and regions, titles, organisation suffixes, reporting
//! verbs, event words). Nothing here is tied to one story: every list aims at
//! completeness for its kind, not at the seed articles.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the word lists are looked up once or more per token, and SipHash's
/// protection against crafted keys buys nothing for a fixed list of short words.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Hash builder for word maps.
pub type FastHash = BuildHasherDefault<Fnv>;
/// A map from words.
pub type Map<K, V> = HashMap<K, V, FastHash>;
/// A set of words.
pub type Set<K> = std::collections::HashSet<K, FastHash>;

/// Countries: `Name|demonym,demonym|alias,alias`. Demonyms are the adjectives and
/// nouns a news text uses for the country ("Kenyan", "Swiss"); aliases are other names
/// of the country itself.
const COUNTRIES: &str = "\
Afghanistan|Afghan|
Albania|Albanian|
Algeria|Algerian|
Andorra|Andorran|
Angola|Angolan|
Antigua and Barbuda|Antiguan|
Argentina|Argentine,Argentinian|
Armenia|Armenian|
Australia|Australian|
Austria|Austrian|
Azerbaijan|Azerbaijani,Azeri|
Bahamas|Bahamian|The Bahamas
Bahrain|Bahraini|
Bangladesh|Bangladeshi|
Barbados|Barbadian|
Belarus|Belarusian,Belarussian|
Belgium|Belgian|
Belize|Belizean|
Benin|Beninese|
Bhutan|Bhutanese|
Bolivia|Bolivian|
Bosnia and Herzegovina|Bosnian|Bosnia
Botswana|Botswanan|
Brazil|Brazilian|
Brunei|Bruneian|
Bulgaria|Bulgarian|
Burkina Faso|Burkinabe|
Burundi|Burundian|
Cambodia|Cambodian|
Cameroon|Cameroonian|
Canada|Canadian|
Cape Verde|Cape Verdean|Cabo Verde
Central African Republic||CAR
Chad|Chadian|
Chile|Chilean|
China|Chinese|PRC,People's Republic of China
Colombia|Colombian|
Comoros|Comoran|
Democratic Republic of the Congo|Congolese|DRC,DR Congo,Congo-Kinshasa
Republic of the Congo||Congo-Brazzaville,Congo
Costa Rica|Costa Rican|
Croatia|Croatian|
Cuba|Cuban|
Cyprus|Cypriot|
Czech Republic|Czech|Czechia
Denmark|Danish|
Djibouti|Djiboutian|
Dominica|Dominican|
Dominican Republic||
Ecuador|Ecuadorian|
Egypt|Egyptian|
El Salvador|Salvadoran|
Equatorial Guinea|Equatoguinean|
Eritrea|Eritrean|
Estonia|Estonian|
Eswatini|Swazi|Swaziland
Ethiopia|Ethiopian|
Fiji|Fijian|
Finland|Finnish|
France|French|
Gabon|Gabonese|
Gambia|Gambian|The Gambia
Georgia|Georgian|
Germany|German|
Ghana|Ghanaian|
Greece|Greek|
Grenada|Grenadian|
Guatemala|Guatemalan|
Guinea|Guinean|
Guinea-Bissau||
Guyana|Guyanese|
Haiti|Haitian|
Honduras|Honduran|
Hungary|Hungarian|
Iceland|Icelandic|
India|Indian|
Indonesia|Indonesian|
Iran|Iranian|
Iraq|Iraqi|
Ireland|Irish|
Israel|Israeli|
Italy|Italian|
Ivory Coast|Ivorian|Cote d'Ivoire,Côte d'Ivoire
Jamaica|Jamaican|
Japan|Japanese|
Jordan|Jordanian|
Kazakhstan|Kazakh,Kazakhstani|
Kenya|Kenyan|
Kiribati||
Kosovo|Kosovar|
Kuwait|Kuwaiti|
Kyrgyzstan|Kyrgyz|
Laos|Lao,Laotian|
Latvia|Latvian|
Lebanon|Lebanese|
Lesotho|Basotho|
Liberia|Liberian|
Libya|Libyan|
Liechtenstein||
Lithuania|Lithuanian|
Luxembourg|Luxembourgish|
Madagascar|Malagasy|
Malawi|Malawian|
Malaysia|Malaysian|
Maldives|Maldivian|
Mali|Malian|
Malta|Maltese|
Marshall Islands||
Mauritania|Mauritanian|
Mauritius|Mauritian|
Mexico|Mexican|
Micronesia|Micronesian|
Moldova|Moldovan|
Monaco|Monegasque|
Mongolia|Mongolian|
Montenegro|Montenegrin|
Morocco|Moroccan|
Mozambique|Mozambican|
Myanmar|Burmese|Burma
Namibia|Namibian|
Nauru|Nauruan|
Nepal|Nepali,Nepalese|
Netherlands|Dutch|Holland,The Netherlands
New Zealand|New Zealander|
Nicaragua|Nicaraguan|
Niger|Nigerien|
Nigeria|Nigerian|
North Korea|North Korean|DPRK
North Macedonia|Macedonian|Macedonia
Norway|Norwegian|
Oman|Omani|
Pakistan|Pakistani|
Palau|Palauan|
Palestine|Palestinian|Palestinian territories
Panama|Panamanian|
Papua New Guinea|Papua New Guinean|PNG
Paraguay|Paraguayan|
Peru|Peruvian|
Philippines|Filipino,Philippine|The Philippines
Poland|Polish|
Portugal|Portuguese|
Qatar|Qatari|
Romania|Romanian|
Russia|Russian|Russian Federation
Rwanda|Rwandan|
Saint Kitts and Nevis||
Saint Lucia|Saint Lucian|
Saint Vincent and the Grenadines||
Samoa|Samoan|
San Marino||
Sao Tome and Principe||
Saudi Arabia|Saudi|
Senegal|Senegalese|
Serbia|Serbian,Serb|
Seychelles|Seychellois|
Sierra Leone|Sierra Leonean|
Singapore|Singaporean|
Slovakia|Slovak|
Slovenia|Slovenian,Slovene|
Solomon Islands||
Somalia|Somali|
South Africa|South African|
South Korea|South Korean|Korea,Republic of Korea
South Sudan|South Sudanese|
Spain|Spanish|
Sri Lanka|Sri Lankan|
Sudan|Sudanese|
Suriname|Surinamese|
Sweden|Swedish|
Switzerland|Swiss|
Syria|Syrian|
Taiwan|Taiwanese|
Tajikistan|Tajik|
Tanzania|Tanzanian|
Thailand|Thai|
Timor-Leste|Timorese|East Timor
Togo|Togolese|
Tonga|Tongan|
Trinidad and Tobago|Trinidadian|
Tunisia|Tunisian|
Turkey|Turkish|Turkiye,Türkiye
Turkmenistan|Turkmen|
Tuvalu||
Uganda|Ugandan|
Ukraine|Ukrainian|
United Arab Emirates|Emirati|UAE
United Kingdom|British|UK,U.K.,Britain,Great Britain
United States|American|US,U.S.,USA,U.S.A.,America,United States of America
Uruguay|Uruguayan|
Uzbekistan|Uzbek|
Vanuatu||
Vatican City||Vatican,Holy See
Venezuela|Venezuelan|
Vietnam|Vietnamese|Viet Nam
Yemen|Yemeni|
Zambia|Zambian|
Zimbabwe|Zimbabwean|
England|English|
Scotland|Scottish|
Wales|Welsh|
Northern Ireland||
Hong Kong||
Puerto Rico|Puerto Rican|
Greenland|Greenlandic|
Tibet|Tibetan|
";

/// Capitals and large or often-reported cities of the world.
const CITIES: &str = "Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Sydney|Melbourne|Canberra|Vienna|Baku|Nassau|Manama|Dhaka|Minsk|Brussels|Antwerp|La Paz|Sarajevo|Brasilia|Rio de Janeiro|Sao Paulo|São Paulo|Sofia|Ouagadougou|Phnom Penh|Yaounde|Ottawa|Toronto|Montreal|Vancouver|N'Djamena|Santiago|Beijing|Shanghai|Hong Kong|Shenzhen|Guangzhou|Wuhan|Chengdu|Chongqing|Tianjin|Bogota|Bogotá|Medellin|Kinshasa|Brazzaville|San Jose|Zagreb|Havana|Nicosia|Prague|Copenhagen|Quito|Cairo|Alexandria|San Salvador|Tallinn|Addis Ababa|Helsinki|Paris|Marseille|Lyon|Libreville|Tbilisi|Berlin|Munich|Hamburg|Frankfurt|Cologne|Accra|Athens|Guatemala City|Conakry|Port-au-Prince|Tegucigalpa|Budapest|Reykjavik|New Delhi|Delhi|Mumbai|Kolkata|Chennai|Bangalore|Bengaluru|Hyderabad|Jakarta|Tehran|Baghdad|Basra|Mosul|Dublin|Jerusalem|Tel Aviv|Gaza City|Rome|Milan|Naples|Venice|Florence|Kingston|Tokyo|Osaka|Kyoto|Hiroshima|Amman|Astana|Nairobi|Mombasa|Pristina|Kuwait City|Bishkek|Vientiane|Riga|Beirut|Monrovia|Tripoli|Benghazi|Vilnius|Antananarivo|Lilongwe|Kuala Lumpur|Bamako|Valletta|Mexico City|Guadalajara|Monterrey|Tijuana|Chisinau|Ulaanbaatar|Podgorica|Rabat|Casablanca|Maputo|Yangon|Naypyidaw|Windhoek|Kathmandu|Amsterdam|Rotterdam|The Hague|Wellington|Auckland|Managua|Niamey|Abuja|Lagos|Pyongyang|Skopje|Oslo|Muscat|Islamabad|Karachi|Lahore|Panama City|Asuncion|Lima|Manila|Warsaw|Krakow|Lisbon|Porto|Doha|Bucharest|Moscow|St Petersburg|Saint Petersburg|Kigali|Riyadh|Jeddah|Mecca|Medina|Dakar|Belgrade|Freetown|Bratislava|Ljubljana|Mogadishu|Johannesburg|Cape Town|Pretoria|Durban|Seoul|Busan|Juba|Madrid|Barcelona|Seville|Valencia|Colombo|Khartoum|Stockholm|Gothenburg|Geneva|Zurich|Bern|Damascus|Aleppo|Homs|Taipei|Dushanbe|Dar es Salaam|Dodoma|Bangkok|Tunis|Ankara|Istanbul|Izmir|Ashgabat|Kampala|Kyiv|Kiev|Kharkiv|Odesa|Odessa|Lviv|Mariupol|Donetsk|Luhansk|Abu Dhabi|Dubai|London|Manchester|Birmingham|Liverpool|Glasgow|Edinburgh|Cardiff|Belfast|Leeds|Bristol|Washington|New York|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Antonio|San Diego|Dallas|San Francisco|Seattle|Boston|Miami|Atlanta|Detroit|Denver|New Orleans|Las Vegas|Minneapolis|Baltimore|Montevideo|Tashkent|Samarkand|Caracas|Hanoi|Ho Chi Minh City|Sanaa|Aden|Lusaka|Harare|Bishkek|Novosibirsk|Yekaterinburg|Kazan|Sochi|Vladivostok|Grozny|Minsk|Bethlehem|Ramallah|Gaza|Kandahar|Herat|Peshawar|Quetta|Srinagar|Lhasa|Urumqi|Macau|Singapore|Phuket|Chiang Mai|Cebu|Davao|Surabaya|Bali|Perth|Brisbane|Adelaide|Christchurch|Honolulu|Anchorage|Havana|Port of Spain|Kingston|Santo Domingo|San Juan|Quito|Guayaquil|Cusco|Cordoba|Rosario|Valparaiso|Recife|Salvador|Brasília|Manaus|Fortaleza|Belo Horizonte|Porto Alegre|Curitiba|Marrakesh|Fez|Tangier|Oran|Sfax|Luxor|Aswan|Port Said|Suez|Khartoum|Omdurman|Goma|Lubumbashi|Kisangani|Bangui|Maiduguri|Kano|Ibadan|Port Harcourt|Abidjan|Douala|Timbuktu|Gao|Mopti|Mekele|Mekelle|Gondar|Hargeisa|Kismayo|Entebbe|Gulu|Arusha|Zanzibar|Bulawayo|Soweto|Port Elizabeth|Strasbourg|Brussels|Luxembourg|Monaco|Nice|Toulouse|Bordeaux|Lille|Nantes|Calais|Dresden|Leipzig|Stuttgart|Dusseldorf|Bonn|Salzburg|Graz|Krakow|Gdansk|Wroclaw|Lodz|Kaunas|Tartu|Turin|Genoa|Bologna|Palermo|Bilbao|Malaga|Granada|Zaragoza|Thessaloniki|Antalya|Diyarbakir|Gaziantep|Mosul|Erbil|Kirkuk|Fallujah|Ramadi|Najaf|Karbala|Haifa|Nablus|Hebron|Jenin|Rafah|Khan Younis|Idlib|Raqqa|Deir ez-Zor|Latakia|Sidon|Tyre|Aqaba|Isfahan|Mashhad|Shiraz|Tabriz|Qom|Balochistan|Herat|Mazar-i-Sharif|Chittagong|Rangoon|Mandalay|Naypyitaw|Guangdong|Xiamen|Nanjing|Hangzhou|Harbin|Dalian|Qingdao|Xi'an|Kunming|Lhasa|Kaohsiung|Sapporo|Nagoya|Fukushima|Yokohama|Kobe|Incheon|Gwangju|Daegu|Pyeongchang";

/// Continents, large regions, seas and other well-known geographic names.
const REGIONS: &str = "West|Soviet Union|USSR|Yugoslavia|Czechoslovakia|East Germany|West Germany|Africa|Asia|Europe|North America|South America|Latin America|Central America|Antarctica|Oceania|the Arctic|Arctic|Middle East|Near East|Far East|Central Asia|South Asia|Southeast Asia|South-East Asia|East Asia|West Asia|Western Europe|Eastern Europe|Central Europe|Northern Europe|Southern Europe|West Africa|East Africa|North Africa|Southern Africa|Central Africa|Sub-Saharan Africa|Horn of Africa|Sahel|Sahara|Balkans|Baltics|Caucasus|North Caucasus|South Caucasus|Caribbean|Scandinavia|Mediterranean|Pacific|Atlantic|Indian Ocean|Black Sea|Caspian Sea|Baltic Sea|Red Sea|South China Sea|North Sea|Persian Gulf|Gulf of Mexico|Gulf|Himalayas|Alps|Andes|Amazon|Nile|Danube|Rhine|Ganges|Mekong|Yangtze|Euphrates|Tigris|Volga|Mississippi|West Bank|Gaza Strip|Golan Heights|Crimea|Donbas|Donbass|Kashmir|Tibet|Siberia|Chechnya|Dagestan|Kurdistan|Darfur|Tigray|Amhara|Oromia|Punjab|Sindh|Bengal|Kerala|Gujarat|Maharashtra|Tamil Nadu|Uttar Pradesh|Bihar|Assam|Rajasthan|Queensland|New South Wales|Victoria|Tasmania|Ontario|Quebec|British Columbia|Alberta|California|Texas|Florida|New York State|Arizona|Nevada|Oregon|Georgia|Ohio|Michigan|Pennsylvania|Illinois|Virginia|Alaska|Hawaii|Louisiana|Bavaria|Catalonia|Andalusia|Basque Country|Lombardy|Sicily|Sardinia|Corsica|Normandy|Brittany|Provence|Flanders|Wallonia|Transylvania|Galicia|Anatolia|Kurdistan Region|Sinai|Negev|Galilee|Hokkaido|Okinawa|Kyushu|Mindanao|Luzon|Java|Sumatra|Borneo|Papua|Aceh|Rakhine|Shan|Kachin|Hubei|Sichuan|Yunnan|Henan|Hebei|Zhejiang|Jiangsu|Inner Mongolia|Ningxia|Manchuria|Fergana Valley|Karakalpakstan|Kurdish region|Patagonia|Lapland|Greenland|Iberia|Arabian Peninsula|Levant|Maghreb|Korean Peninsula|Gulf States|Silicon Valley|Wall Street|Downing Street|Capitol Hill";

/// Organisations so widely known by a bare name that no suffix marks them.
const KNOWN_ORGS: &str = "United Nations|UN|U.N.|NATO|Nato|European Union|EU|E.U.|Kremlin|White House|Pentagon|State Department|Congress|Senate|Parliament|Bundestag|Duma|Knesset|Politburo|Vatican|Interpol|Europol|Red Cross|Red Crescent|Amnesty International|Human Rights Watch|Reporters Without Borders|Reporters without Borders|Doctors Without Borders|Medecins Sans Frontieres|MSF|UNICEF|Unicef|UNESCO|UNHCR|WHO|IMF|World Bank|WTO|OPEC|Opec|OSCE|ASEAN|Asean|African Union|Arab League|G7|G20|BRICS|Hamas|Hezbollah|Taliban|Islamic State|ISIS|Isis|ISIL|al-Qaeda|Al-Qaeda|al-Shabab|al-Shabaab|Boko Haram|Wagner|Reuters|AFP|AP|Associated Press|Agence France-Presse|BBC|CNN|Al Jazeera|AlJazeera|Bloomberg|Xinhua|TASS|Tass|RIA Novosti|Interfax|Google|Apple|Microsoft|Amazon|Facebook|Meta|Twitter|Tesla|Toyota|Volkswagen|Shell|BP|Gazprom|Rosneft|Huawei|Samsung|Supreme Court|FBI|CIA|NSA|KGB|FSB|MI5|MI6|Mossad|EEAS|Frontex|Fed|Federal Reserve|ECB";

/// Last words that make a capitalised phrase an organisation.
const ORG_SUFFIXES: &str = "Community|Bloc|Ministry|Ministries|Organisation|Organization|Survey|Railway|Committee|Council|Agency|Party|Union|Bank|Company|Corp|Corporation|Inc|Ltd|LLC|Plc|PLC|Group|Association|Alliance|Service|Services|Watch|University|College|School|Court|Tribunal|Commission|Authority|Authorities|Department|Office|Police|Army|Navy|Forces|Force|Guard|Institute|Foundation|Fund|Federation|Front|Movement|Network|Coalition|Congress|Assembly|Parliament|Senate|Cabinet|Government|Administration|Bureau|Board|Trust|Society|Center|Centre|Club|League|Airlines|Airways|Railways|Times|Post|News|Herald|Tribune|Journal|Gazette|Magazine|Press|Radio|Television|TV|Telegraph|Guardian|Mirror|Observer|Daily|Brigade|Battalion|Regiment|Division|Command|Secretariat|Directorate|Inspectorate|Prosecutor's Office|Industries|Foods|Fashions|Garments|Textiles|Apparel|Mills|Steel|Pharma|Pharmaceuticals|Chemicals|Logistics|Construction|Electric|Electronics|Petroleum|Oil|Mining|Capital|Securities|Insurance|Markets|Brands|Stores|Entertainment|Studios|Publishing|Labs|Holdings|Motors|Energy|Telecom|Technologies|Systems|Partners|Union|Unions|Confederation|Programme|Program|Mission|Council|Court|Church|Mosque|Cathedral|Academy|Laboratory|Laboratories|Initiative|Forum|Summit|Relief|Aid|Cross|Crescent";

/// First words that make a capitalised phrase an organisation (`Ministry of ...`).
const ORG_PREFIXES: &str = "Ministry|Department|University|Bank|Office|Council|Court|Committee|Commission|Federation|Union|Board|Bureau|Institute|Church|Academy|House|Army|Party|League|Association";

/// Last words that make a capitalised phrase a place.
const PLACE_SUFFIXES: &str = "Hospital|Clinic|Street|St|Road|Avenue|Square|Bridge|River|Lake|Mountain|Mountains|Mount|Island|Islands|Valley|Province|Region|District|County|City|Town|Village|Oblast|Prefecture|State|Airport|Port|Harbour|Harbor|Bay|Gulf|Sea|Ocean|Coast|Peninsula|Desert|Forest|Park|Hill|Hills|Heights|Plateau|Canal|Strait|Dam|Stadium|Palace|Building|Tower|Prison|Camp|Border|Residence|Plaza|Boulevard|Highway|Station|Base|Crossing|Checkpoint";

/// Titles and roles written before a name. Multiword ones are listed whole; the
/// scanner also accepts `<Department> Minister`/`Minister of <X>` forms.
const TITLES: &str = "President|Vice President|Vice-President|Prime Minister|Deputy Prime Minister|First Minister|Chief Minister|Minister|Deputy Minister|Foreign Minister|Defence Minister|Defense Minister|Interior Minister|Home Minister|Finance Minister|Health Minister|Justice Minister|Economy Minister|Energy Minister|Education Minister|Labour Minister|Labor Minister|Trade Minister|Agriculture Minister|Transport Minister|Environment Minister|Information Minister|Secretary of State|Secretary-General|Secretary General|Secretary|Home Secretary|Foreign Secretary|Defense Secretary|Defence Secretary|Treasury Secretary|Press Secretary|Attorney General|Attorney-General|Attorney|US Attorney|District Attorney|General Secretary|State Attorney|Chancellor|King|Queen|Prince|Princess|Crown Prince|Emperor|Governor|Lieutenant Governor|Mayor|Deputy Mayor|Senator|Sen|Rep|Representative|Congressman|Congresswoman|Judge|Justice|Chief Justice|Magistrate|Prosecutor|Chief Prosecutor|General|Gen|Lieutenant General|Lt Gen|Major General|Maj Gen|Brigadier|Brigadier General|Colonel|Col|Lieutenant Colonel|Captain|Capt|Lieutenant|Lt|Major|Maj|Sergeant|Sgt|Corporal|Cpl|Private|Admiral|Adm|Commander|Cmdr|Marshal|Field Marshal|Chief|Police Chief|Fire Chief|Army Chief|Director|Director General|Director-General|Chairman|Chairwoman|Chairperson|Chair|Spokesman|Spokeswoman|Spokesperson|Ambassador|Envoy|Special Envoy|Pope|Cardinal|Archbishop|Bishop|Rev|Reverend|Father|Rabbi|Imam|Sheikh|Sheik|Emir|Sultan|Ayatollah|Grand Ayatollah|Speaker|Premier|Commissioner|Inspector|Superintendent|Chief Superintendent|Detective|Detective Inspector|Constable|Officer|Professor|Prof|Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Lord|Lady|Baroness|Baron|Count|Countess|Duke|Duchess|CEO|Chief Executive|Executive Director|Managing Director|Leader|Opposition Leader|Coach|Manager|Councillor|Councilor|Alderman|Sheriff|Deputy|MP|MEP|Comrade|Saint|President-elect|Dictator|Warlord|Commander-in-Chief|Head of State";

/// Honorifics: titles that mark a person without being a role.
const HONORIFICS: &str = "Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Prof|Rev|Lord|Lady";

/// Words that may precede a title inside a role (`former President`, `ex-President`).
const ROLE_MODIFIERS: &str = "former|Former|ex|Ex|acting|Acting|interim|Interim|deputy|Deputy|late|Late|then|outgoing|Outgoing|incoming|Incoming|founding|Founding|new|New|current|Current";

/// Reporting verbs and cues, as inflected in news text, with the form kept as `verb`.
const REPORTING_VERBS: &str = "fear|fears|feared|state|insist|argue|warn|believe|think|estimate|said|says|say|told|tells|stated|states|claimed|claims|claim|insisted|insists|denied|denies|added|adds|announced|announces|warned|warns|explained|explains|argued|argues|accused|accuses|described|describes|blamed|blames|urged|urges|asked|asks|assured|assures|noted|notes|stressed|stresses|confirmed|confirms|reported|reports|declared|declares|wrote|writes|tweeted|posted|replied|responded|admitted|admits|acknowledged|alleged|alleges|maintained|maintains|promised|promises|vowed|vows|pledged|suggested|suggests|revealed|disclosed|estimated|estimates|predicted|believes|believed|thinks|thought|emphasised|emphasized|emphasises|emphasizes|observed|remarked|commented|concluded|recalled|cautioned|countered|contended|conceded|asserted|asserts|underlined|repeated|reiterated|quipped|shouted|complained|continued|agreed|dismissed|rejected|called|condemned|demanded|questioned|praised|criticised|criticized|welcomed|hailed|denounced|termed|branded|mentioned|informed|spoke";

/// Reporting verbs that introduce reported speech on their own (`X said that ...`).
const INDIRECT_VERBS: &str = "praised|hailed|condemned|criticised|criticized|say|claim|state|insist|argue|warn|believe|fear|fears|feared|think|accuses|said|says|told|stated|states|claimed|claims|insisted|insists|denied|denies|added|adds|announced|announces|warned|warns|explained|argued|argues|accused|described|describes|blamed|assured|noted|stressed|confirmed|confirms|reported|declared|admitted|alleged|alleges|maintained|maintains|promised|vowed|pledged|suggested|revealed|estimated|believes|emphasised|emphasized|asserted|asserts|acknowledged|termed|denounced|branded";

/// Event words: surface form -> normalised event. Multiword keys are matched as
/// token sequences.
const EVENTS: &str = "killed:killed|died:killed|dead:killed|die:killed|dying:killed|deaths:killed|death:killed|fatalities:killed|murdered:killed|slain:killed|perished:killed|lost their lives:killed|killing:killed|kills:killed|kill:killed|massacred:killed|executed:killed|drowned:killed|bodies:killed|mourning:killed|victims:killed|death toll:killed|toll:killed|\
detained:detained|detention:detained|arrested:detained|arrests:detained|arrest:detained|custody:detained|jailed:detained|imprisoned:detained|held:detained|captured:detained|rounded up:detained|taken into custody:detained|apprehended:detained|\
injured:injured|wounded:injured|hurt:injured|treated in hospital:injured|treated for:injured|injuries:injured|hospitalised:injured|hospitalized:injured|injuring:injured|wounding:injured|\
deployed:deployed|deployment:deployed|sent:deployed|stationed:deployed|landed:deployed|arrived:deployed|arrival:deployed|arriving:deployed|dispatched:deployed|gathered:deployed|massed:deployed|mobilised:deployed|mobilized:deployed|\
displaced:displaced|left their homes:displaced|fled their homes:displaced|lost their homes:displaced|fled:displaced|homeless:displaced|flee:displaced|uprooted:displaced|\
evacuated:evacuated|evacuation:evacuated|evacuate:evacuated|\
rescued:rescued|saved:rescued|pulled from:rescued|\
missing:missing|unaccounted:missing|trapped:trapped|buried:trapped|\
charged:charged|indicted:charged|accused:charged|\
convicted:convicted|sentenced:sentenced|\
affected:affected|\
damaged:damaged|destroyed:damaged|flattened:damaged|razed:damaged|\
cancelled:cancelled|canceled:cancelled|postponed:cancelled|\
guilty:convicted|
protested:protested|marched:protested|rallied:protested|demonstrated:protested|took to the streets:protested|\
striking:striking|walked out:striking|on strike:striking|strike:striking|\
laid off:laid off|lost their jobs:laid off|cut:laid off|shed:laid off|axe:laid off|slash:laid off|\
voted:voted|votes:voted|\
infected:infected|cases:infected|tested positive:infected|\
acquitted:acquitted|cleared:acquitted|not guilty:acquitted|found not guilty:acquitted|\
fined:fined|kidnapped:kidnapped|abducted:kidnapped|taken hostage:kidnapped|freed:released|released:released|pardoned:released|\
won:won|winning:won|secured:won|elected:elected|resigned:resigned|\
registered:registered|eligible:registered|signed up:registered|enrolled:registered|\
without power:without power|without electricity:without power|lost power:without power|cut power to:without power|power cuts:without power|outages:without power|\
aboard:aboard|on board:aboard|carrying:aboard|\
lose their jobs:laid off|job cuts:laid off|redundancies:laid off|made redundant:laid off|axed:laid off|eliminated:laid off|\
vaccinated:vaccinated|recovered:recovered";

/// Nouns that name counted people or things, with their normalised plural.
/// Multiword keys are matched before single words.
const COUNTED: &str = "people:people|persons:people|person:people|individuals:people|civilians:civilians|residents:residents|inhabitants:residents|citizens:citizens|\
protesters:protesters|protestors:protesters|demonstrators:protesters|rioters:rioters|marchers:protesters|\
troops:troops|soldiers:troops|servicemen:troops|servicemembers:troops|service members:troops|paratroopers:troops|peacekeepers:peacekeepers|\
security personnel:security personnel|security officers:security personnel|security forces:security personnel|security force members:security personnel|security agents:security personnel|\
police officers:police officers|police:police officers|policemen:police officers|officers:police officers|law enforcement officers:police officers|\
militants:militants|fighters:fighters|rebels:rebels|insurgents:insurgents|gunmen:gunmen|terrorists:militants|criminals:criminals|armed criminals:criminals|\
children:children|child:children|kids:children|minors:children|students:students|pupils:students|women:women|men:men|babies:children|\
workers:workers|worker:workers|employees:workers|staff:workers|workforce:workers|personnel:personnel|rescue personnel:rescuers|rescue workers:rescuers|rescuers:rescuers|firefighter:firefighters|soldier:troops|officer:police officers|journalist:journalists|miners:workers|firefighters:firefighters|doctors:doctors|nurses:nurses|journalists:journalists|reporters:journalists|\
migrants:migrants|refugees:refugees|asylum seekers:migrants|passengers:passengers|tourists:tourists|pilgrims:pilgrims|patients:patients|prisoners:prisoners|inmates:prisoners|detainees:detainees|hostages:hostages|suspects:suspects|victims:people|others:people|casualties:casualties|survivors:survivors|\
voters:voters|votes:votes|ballots:votes|seats:seats|seat:seats|counts:charges|charges:charges|crew:crew|crew members:crew|customers:customers|positions:jobs|posts:jobs|delegates:delegates|candidates:candidates|members:members|lawmakers:lawmakers|\
families:families|households:households|homes:homes|houses:homes|buildings:buildings|vehicles:vehicles|cars:vehicles|tanks:tanks|aircraft:aircraft|planes:aircraft|jets:aircraft|ships:ships|boats:boats|units:units|\
villages:villages|towns:towns|schools:schools|hospitals:hospitals|factories:factories|businesses:businesses|shops:shops|jobs:jobs|animals:animals|cattle:livestock|livestock:livestock|sheep:livestock|trees:trees|acres:acres";

/// Measure units: surface -> normalised unit.
const UNITS: &str = "km:km|kilometres:km|kilometers:km|kilometre:km|kilometer:km|mile:mile|miles:mile|metres:m|meters:m|metre:m|meter:m|m:m|cm:cm|mm:mm|ft:ft|feet:ft|foot:ft|inches:in|inch:in|kg:kg|kilograms:kg|kilogrammes:kg|tonnes:t|tons:t|tonne:t|ton:t|pounds:lb|lbs:lb|litres:l|liters:l|barrels:barrel|hectares:ha|hectare:ha|acres:acre|sq km:km2|square kilometres:km2|square kilometers:km2|square miles:sq mi|mph:mph|km/h:km/h|degrees:deg|°C:°C|°F:°F|MW:MW|GW:GW|megawatts:MW|gigawatts:GW";

/// Currencies: surface (word after the number or symbol before it) -> code.
const CURRENCIES: &str = "shillings:shilling|rand:ZAR|naira:NGN|pesos:peso|reais:BRL|lira:TRY|dinars:dinar|dirhams:dirham|riyals:riyal|rupiah:IDR|won:KRW|baht:THB|ringgit:MYR|zloty:PLN|kronor:SEK|kroner:krone|forint:HUF|cedis:GHS|kwacha:kwacha|birr:ETB|taka:BDT|$:USD|US$:USD|€:EUR|£:GBP|¥:JPY|₹:INR|₽:RUB|dollars:USD|dollar:USD|euros:EUR|euro:EUR|pounds sterling:GBP|yen:JPY|yuan:CNY|rupees:INR|roubles:RUB|rubles:RUB|tenge:KZT|hryvnia:UAH|francs:CHF|USD:USD|EUR:EUR|GBP:GBP";

/// Time units for durations (`30 years`, `five-day`).
const TIME_UNITS: &str = "second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years|decade|decades|century|centuries|fortnight|night|nights";

/// Function words and common words that start sentences and headlines capitalised
/// without being names.
const NOT_NAMES: &str = "A|An|The|This|That|These|Those|It|Its|It's|He|She|They|We|I|You|His|Her|Their|Our|My|Your|Him|Them|Us|Me|In|On|At|By|For|From|With|Without|Within|Into|Onto|Of|Off|Over|Under|After|Before|During|Since|Until|Till|As|If|When|While|Where|Why|How|What|Who|Whom|Whose|Which|But|And|Or|Nor|So|Yet|Also|Although|Though|Because|However|Meanwhile|Moreover|Furthermore|Still|Even|Then|Now|Today|Yesterday|Tomorrow|Here|There|Some|Many|Most|More|Much|Few|Several|All|Any|Each|Every|Both|Either|Neither|No|Not|Only|Other|Another|Such|Last|Next|First|Second|Third|Earlier|Later|Previously|According|Following|Despite|Amid|Among|Against|Between|Through|Throughout|Across|Around|About|Above|Below|Near|Like|Unlike|Regardless|Critics|Officials|Authorities|Police|Experts|Analysts|Protesters|Protests|Protestors|Demonstrators|Residents|Witnesses|Sources|Photo|Image|Caption|Video|Watch|Read|Share|Please|Click|Subscribe|Advertisement|Related|Updated|Published|Breaking|Live|Analysis|Opinion|Comment|Editorial|Background|Context|Aftermath|Reporting|Additional|Editing|Writing|Yes|Well|Just|Once|Twice|Almost|Nearly|Over|Up|Down|Out|Away|Back|Again|Never|Always|Often|Sometimes|Soon|Already|Instead|Indeed|Perhaps|Maybe|Thus|Hence|Therefore|Besides|Otherwise|Rather|Whether|Unless|Upon|Toward|Towards|Via|Per|Plus|Minus|Mostly|Largely|Mainly|Partly|Nonetheless|Nevertheless|Speaking|Asked|Having|Being|Given|Including|Excluding|Concerns|Tensions|Fears|Events|Troops|Soldiers|Forces|Security|Violence|Unrest|Clashes|International|Large|Small|Big|Major|Minor|Most|Popular|Future|Media|Sources|Stay|Leave|Kind|Sign|Follow|Source|Credit|Copyright|Reuters/|Do|Does|Did|Is|Are|Was|Were|Be|Has|Have|Had|Will|Would|Can|Could|Should|May|Might|Must|Shall";

/// Acronyms of common nouns, which name nothing.
const COMMON_ACRONYMS: &str = "Celsius|Fahrenheit|NGO|NGOs|CEO|GDP|PM|MP|MPs|TV|AI|IT|HIV|AIDS|COVID|OK|PR|ID|DNA|SUV|VIP|PhD|GMT|UTC|BST|EST|PST|CET|AM|PM|FM|DIY|FAQ|CCTV|ATM|GPS|SMS|USB|LGBT|LGBTQ|Q&A";

/// Months and weekdays: dates, not entities.
const CALENDAR: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/// Words for religions and broad groups, which name no entity of the story.
const GROUP_WORDS: &str = "Muslim|Muslims|Christian|Christians|Jewish|Jews|Jew|Hindu|Hindus|Buddhist|Buddhists|Catholic|Catholics|Protestant|Protestants|Orthodox|Sunni|Sunnis|Shia|Shiite|Shiites|Islamic|Islamist|Islamists|Evangelical|Evangelicals|Sikh|Sikhs|Western|Westerners|Arab|Arabs|Kurds|Kurdish|Latino|Latinos|Hispanic|Black|White|Asian|Asians|European|Europeans|African|Africans|Soviet";

/// Words marking that a figure is hedged.
pub const HEDGES: &[&str] = &[
    "believed to",
    "said to",
    "thought to",
    "feared to",
    "reportedly",
    "allegedly",
    "reported to",
    "estimated to",
    "may have",
    "might have",
    "could have",
    "it is believed",
    "it is thought",
    "unconfirmed",
    "possibly",
    "probably",
    "likely",
    "feared",
    "is believed",
    "are believed",
    "were believed",
    "appears to",
    "appear to",
    "appeared to",
    "suspected",
    "presumed",
    "supposedly",
    "purportedly",
];

/// Multipliers after a number (`1.5 million`).
pub const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mn", 1e6),
    ("m", 1e6),
    ("bn", 1e9),
    ("k", 1e3),
];

/// The lexicon, built once.
pub struct Lexicon {
    /// Place name -> (canonical name, is a country).
    pub places: Map<&'static str, &'static str>,
    /// Demonym -> country.
    pub demonyms: Map<&'static str, &'static str>,
    /// Organisation names known without a suffix.
    pub known_orgs: Map<&'static str, ()>,
    /// Organisation suffix words.
    pub org_suffixes: Map<&'static str, ()>,
    /// Organisation prefix words.
    pub org_prefixes: Map<&'static str, ()>,
    /// Place suffix words.
    pub place_suffixes: Map<&'static str, ()>,
    /// Titles (whole, possibly multiword).
    pub titles: Map<&'static str, ()>,
    /// Longest title in words.
    pub max_title_words: usize,
    /// Titles in lower case, for title-only phrases (`the president`).
    pub titles_lower: Set<String>,
    /// Honorifics.
    pub honorifics: Map<&'static str, ()>,
    /// Role modifiers.
    pub role_modifiers: Map<&'static str, ()>,
    /// Reporting verbs.
    pub reporting: Map<&'static str, ()>,
    /// Reporting verbs that take reported speech.
    pub indirect: Map<&'static str, ()>,
    /// Event words -> event.
    pub events: Map<&'static str, &'static str>,
    /// Counted nouns -> normalised.
    pub counted: Map<&'static str, &'static str>,
    /// Units -> normalised.
    pub units: Map<&'static str, &'static str>,
    /// Currency words and symbols -> code.
    pub currencies: Map<&'static str, &'static str>,
    /// Time units.
    pub time_units: Map<&'static str, ()>,
    /// Capitalised words that are not names.
    pub not_names: Map<&'static str, ()>,
    /// Acronyms of common nouns.
    pub common_acronyms: Map<&'static str, ()>,
    /// Months and weekdays.
    pub calendar: Map<&'static str, ()>,
    /// Religions and broad groups.
    pub group_words: Map<&'static str, ()>,
}

fn set(list: &'static str) -> Map<&'static str, ()> {
    list.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s, ()))
        .collect()
}

fn map(list: &'static str) -> Map<&'static str, &'static str> {
    list.split('|')
        .filter_map(|kv| {
            let (k, v) = kv.split_once(':')?;
            Some((k.trim(), v.trim()))
        })
        .collect()
}

/// The shared lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn build() -> Lexicon {
    let mut places = Map::default();
    let mut demonyms = Map::default();
    for line in COUNTRIES.lines().filter(|l| !l.trim().is_empty()) {
        let mut parts = line.split('|');
        let name = parts.next().unwrap_or_default().trim();
        places.insert(name, name);
        for d in parts
            .next()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            demonyms.insert(d, name);
        }
        for a in parts
            .next()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            places.insert(a, name);
        }
    }
    for list in [CITIES, REGIONS] {
        for name in list.split('|') {
            let name = name.trim();
            if !name.is_empty() {
                places.entry(name).or_insert(name);
            }
        }
    }
    let titles = set(TITLES);
    let max_title_words = titles
        .keys()
        .map(|t| t.split([' ']).count())
        .max()
        .unwrap_or(1);
    Lexicon {
        places,
        demonyms,
        known_orgs: set(KNOWN_ORGS),
        org_suffixes: set(ORG_SUFFIXES),
        org_prefixes: set(ORG_PREFIXES),
        place_suffixes: set(PLACE_SUFFIXES),
        titles_lower: titles.keys().map(|t| t.to_lowercase()).collect(),
        titles,
        max_title_words,
        honorifics: set(HONORIFICS),
        role_modifiers: set(ROLE_MODIFIERS),
        reporting: set(REPORTING_VERBS),
        indirect: set(INDIRECT_VERBS),
        events: map(EVENTS),
        counted: map(COUNTED),
        units: map(UNITS),
        currencies: map(CURRENCIES),
        time_units: set(TIME_UNITS),
        not_names: set(NOT_NAMES),
        group_words: set(GROUP_WORDS),
        common_acronyms: set(COMMON_ACRONYMS),
        calendar: set(CALENDAR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let lex = lexicon();
        assert_eq!(lex.places.get("US"), Some(&"United States"));
        assert_eq!(lex.demonyms.get("Swiss"), Some(&"Switzerland"));
        assert_eq!(lex.places.get("Kabul"), Some(&"Kabul"));
        assert_eq!(lex.places.get("Tirana"), Some(&"Tirana"));
        assert_eq!(lex.events.get("wounded"), Some(&"injured"));
        assert_eq!(
            lex.counted.get("security forces"),
            Some(&"security personnel")
        );
        assert!(lex.titles.contains_key("Secretary of State"));
        assert!(lex.max_title_words >= 3);
    }
}
