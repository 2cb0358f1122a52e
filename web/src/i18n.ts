// Every string of the interface in English and Ukrainian, and the locale's
// formats for dates, numbers and money (Intl). The chosen language is kept
// in localStorage.
import { signal } from '@preact/signals';

export type Locale = 'en' | 'uk';

export const en = {
  appName: 'Tallinn Mechanism',
  skipToContent: 'Skip to content',
  language: 'Language',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signInTitle: 'Sign in to the Tallinn Mechanism',
  signInFailed: 'Email or password is wrong.',
  signedInAs: 'Signed in as {email} ({role})',
  publicPage: 'Public transparency page',
  navHome: 'Home',
  navNeeds: 'Needs',
  navNewNeed: 'New need',
  navQueue: 'Validation queue',
  navOffers: 'Offers',
  navNewOffer: 'New offer',
  navCoverage: 'Coverage',
  navOrganisations: 'Organisations',
  navUsers: 'Users',
  navAudit: 'Audit trail',
  mainNavigation: 'Main navigation',
  homeTitle: 'Welcome',
  homeIntro_beneficiary: 'State your organisation’s needs and follow them until delivery is verified.',
  homeIntro_front_office: 'Take needs in for beneficiaries and follow every need in the mechanism.',
  homeIntro_back_office: 'Validate and classify needs, publish them, and coordinate offers.',
  homeIntro_ua_authority: 'Follow the needs and set national priorities.',
  homeIntro_donor: 'Manage your offers and the needs released to you.',
  homeIntro_observer: 'Read the mechanism’s aggregates.',
  homeIntro_implementer: 'Follow the deliveries assigned to you and report their progress.',
  homeIntro_admin: 'Manage organisations and user accounts.',
  visibleNeeds: 'Needs you can see',
  visibleOffers: 'Offers you can see',
  awaitingValidation: 'Awaiting validation',
  role_beneficiary: 'Beneficiary',
  role_front_office: 'Front office',
  role_back_office: 'Back office',
  role_ua_authority: 'Ukrainian authority',
  role_donor: 'Donor',
  role_observer: 'Observer',
  role_implementer: 'Implementer',
  role_admin: 'Administrator',
  title: 'Title',
  description: 'Description',
  sector: 'Sector',
  region: 'Region',
  category: 'Category',
  amount: 'Amount (EUR)',
  budget: 'Budget (EUR)',
  priority: 'Priority',
  nationalPriority: 'National priority',
  divisible: 'Can be funded in parts',
  tlp: 'TLP marking',
  status: 'Status',
  organisation: 'Organisation',
  created: 'Created',
  updated: 'Updated',
  version: 'Version',
  search: 'Search words',
  any: 'Any',
  filters: 'Filters',
  apply: 'Apply',
  clear: 'Clear',
  previous: 'Previous page',
  next: 'Next page',
  page: 'Page {n}',
  loading: 'Loading…',
  empty: 'Nothing to show.',
  exportCsv: 'Export CSV',
  exportHxl: 'Export HXL CSV',
  save: 'Save',
  create: 'Create',
  cancel: 'Cancel',
  edit: 'Edit',
  back: 'Back',
  reason: 'Reason',
  duplicateOf: 'Duplicate of (need id)',
  history: 'History',
  historyCreated: 'Created by {who}',
  historyUpdated: 'Last changed (version {version})',
  actions: 'Actions',
  transitionTo: 'Move to “{state}”',
  saved: 'Saved.',
  errorPrefix: 'Error: {message}',
  notFound: 'Not found, or not visible to you.',
  needTitle: 'Need',
  newNeedTitle: 'New need',
  editNeedTitle: 'Edit need',
  forOrganisation: 'For organisation',
  offersTitle: 'Offers',
  newOfferTitle: 'New offer',
  editOfferTitle: 'Edit offer',
  sectors: 'Sectors',
  regions: 'Regions',
  categories: 'Categories',
  offerTitle: 'Offer',
  organisationsTitle: 'Organisations',
  name: 'Name',
  kind: 'Kind',
  country: 'Country (two letters)',
  addOrganisation: 'Add organisation',
  usersTitle: 'Users',
  addUser: 'Add user',
  disabled: 'Disabled',
  disable: 'Disable',
  enable: 'Enable',
  active: 'Active',
  auditTitle: 'Audit trail',
  time: 'Time',
  action: 'Action',
  record: 'Record',
  outcome: 'Outcome',
  actor: 'Actor',
  coverageTitle: 'Coverage and gaps',
  coverageMap: 'Needs by region',
  coverageLegend: 'Darker: larger unfunded gap',
  bySector: 'By sector',
  byCategory: 'By category',
  byPriority: 'By priority',
  needed: 'Needed',
  committed: 'Committed',
  delivered: 'Delivered',
  gap: 'Unfunded gap',
  count: 'Count',
  suppressed: 'fewer than 3',
  suppressedNote: 'Cells built from fewer than 3 records are suppressed.',
  coverageFromCounts: 'Counts of the needs you can see (the coverage API is not yet available).',
  unfundedCritical: 'Unfunded critical needs (priority 1)',
  publicTitle: 'What the mechanism has delivered, and what is still needed',
  publicIntro: 'This page shows only public (TLP:CLEAR) records and aggregates in which small groups are suppressed.',
  publicUnavailable: 'The public summary is not yet published.',
  totalNeeds: 'Needs',
  totalDelivered: 'Delivered',
  totalNeeded: 'Still needed',
  pendingWorkflow: 'This part arrives with the coordination workflow.',
  deliveries: 'Deliveries',
  tlpLabel: 'TLP:{tlp}',
} as const;

export type Key = keyof typeof en;

export const uk: Record<Key, string> = {
  appName: 'Таллінський механізм',
  skipToContent: 'Перейти до змісту',
  language: 'Мова',
  signIn: 'Увійти',
  signOut: 'Вийти',
  email: 'Електронна пошта',
  password: 'Пароль',
  signInTitle: 'Вхід до Таллінського механізму',
  signInFailed: 'Неправильна електронна пошта або пароль.',
  signedInAs: 'Ви увійшли як {email} ({role})',
  publicPage: 'Публічна сторінка прозорості',
  navHome: 'Головна',
  navNeeds: 'Потреби',
  navNewNeed: 'Нова потреба',
  navQueue: 'Черга перевірки',
  navOffers: 'Пропозиції',
  navNewOffer: 'Нова пропозиція',
  navCoverage: 'Покриття',
  navOrganisations: 'Організації',
  navUsers: 'Користувачі',
  navAudit: 'Журнал аудиту',
  mainNavigation: 'Головне меню',
  homeTitle: 'Вітаємо',
  homeIntro_beneficiary: 'Заявляйте потреби своєї організації та стежте за ними до підтвердження поставки.',
  homeIntro_front_office: 'Приймайте потреби від бенефіціарів і стежте за кожною потребою механізму.',
  homeIntro_back_office: 'Перевіряйте й класифікуйте потреби, публікуйте їх і координуйте пропозиції.',
  homeIntro_ua_authority: 'Стежте за потребами та встановлюйте національні пріоритети.',
  homeIntro_donor: 'Керуйте своїми пропозиціями та потребами, відкритими для вас.',
  homeIntro_observer: 'Переглядайте зведені дані механізму.',
  homeIntro_implementer: 'Стежте за дорученими вам поставками та звітуйте про їхній хід.',
  homeIntro_admin: 'Керуйте організаціями та обліковими записами.',
  visibleNeeds: 'Доступні вам потреби',
  visibleOffers: 'Доступні вам пропозиції',
  awaitingValidation: 'Очікують перевірки',
  role_beneficiary: 'Бенефіціар',
  role_front_office: 'Фронт-офіс',
  role_back_office: 'Бек-офіс',
  role_ua_authority: 'Український орган влади',
  role_donor: 'Донор',
  role_observer: 'Спостерігач',
  role_implementer: 'Виконавець',
  role_admin: 'Адміністратор',
  title: 'Назва',
  description: 'Опис',
  sector: 'Сектор',
  region: 'Регіон',
  category: 'Категорія',
  amount: 'Сума (EUR)',
  budget: 'Бюджет (EUR)',
  priority: 'Пріоритет',
  nationalPriority: 'Національний пріоритет',
  divisible: 'Можна фінансувати частинами',
  tlp: 'Позначка TLP',
  status: 'Стан',
  organisation: 'Організація',
  created: 'Створено',
  updated: 'Оновлено',
  version: 'Версія',
  search: 'Слова для пошуку',
  any: 'Будь-який',
  filters: 'Фільтри',
  apply: 'Застосувати',
  clear: 'Скинути',
  previous: 'Попередня сторінка',
  next: 'Наступна сторінка',
  page: 'Сторінка {n}',
  loading: 'Завантаження…',
  empty: 'Нічого не знайдено.',
  exportCsv: 'Експорт CSV',
  exportHxl: 'Експорт HXL CSV',
  save: 'Зберегти',
  create: 'Створити',
  cancel: 'Скасувати',
  edit: 'Редагувати',
  back: 'Назад',
  reason: 'Причина',
  duplicateOf: 'Дублікат потреби (ідентифікатор)',
  history: 'Історія',
  historyCreated: 'Створив(ла) {who}',
  historyUpdated: 'Остання зміна (версія {version})',
  actions: 'Дії',
  transitionTo: 'Перевести в «{state}»',
  saved: 'Збережено.',
  errorPrefix: 'Помилка: {message}',
  notFound: 'Не знайдено або недоступно вам.',
  needTitle: 'Потреба',
  newNeedTitle: 'Нова потреба',
  editNeedTitle: 'Редагування потреби',
  forOrganisation: 'Для організації',
  offersTitle: 'Пропозиції',
  newOfferTitle: 'Нова пропозиція',
  editOfferTitle: 'Редагування пропозиції',
  sectors: 'Сектори',
  regions: 'Регіони',
  categories: 'Категорії',
  offerTitle: 'Пропозиція',
  organisationsTitle: 'Організації',
  name: 'Назва',
  kind: 'Тип',
  country: 'Країна (дві літери)',
  addOrganisation: 'Додати організацію',
  usersTitle: 'Користувачі',
  addUser: 'Додати користувача',
  disabled: 'Вимкнено',
  disable: 'Вимкнути',
  enable: 'Увімкнути',
  active: 'Активний',
  auditTitle: 'Журнал аудиту',
  time: 'Час',
  action: 'Дія',
  record: 'Запис',
  outcome: 'Результат',
  actor: 'Виконавець дії',
  coverageTitle: 'Покриття та прогалини',
  coverageMap: 'Потреби за регіонами',
  coverageLegend: 'Темніше: більша нефінансована прогалина',
  bySector: 'За сектором',
  byCategory: 'За категорією',
  byPriority: 'За пріоритетом',
  needed: 'Потрібно',
  committed: 'Зобов’язано',
  delivered: 'Поставлено',
  gap: 'Нефінансована прогалина',
  count: 'Кількість',
  suppressed: 'менше 3',
  suppressedNote: 'Клітинки, утворені менш ніж трьома записами, приховано.',
  coverageFromCounts: 'Кількість доступних вам потреб (API покриття ще недоступний).',
  unfundedCritical: 'Нефінансовані критичні потреби (пріоритет 1)',
  publicTitle: 'Що механізм уже поставив і що ще потрібно',
  publicIntro: 'Ця сторінка показує лише публічні записи (TLP:CLEAR) і зведені дані, у яких малі групи приховано.',
  publicUnavailable: 'Публічне зведення ще не опубліковано.',
  totalNeeds: 'Потреби',
  totalDelivered: 'Поставлено',
  totalNeeded: 'Ще потрібно',
  pendingWorkflow: 'Ця частина з’явиться разом із процесом координації.',
  deliveries: 'Поставки',
  tlpLabel: 'TLP:{tlp}',
};

// Values of the vocabularies (sector, category, status) in Ukrainian; English
// shows them readably from the code.
export const ukTerms: Record<string, string> = {
  energy: 'Енергетика', transport: 'Транспорт', banking: 'Банківська справа',
  'financial-market-infrastructure': 'Інфраструктура фінансового ринку', health: 'Охорона здоров’я',
  'drinking-water': 'Питна вода', 'waste-water': 'Стічні води',
  'digital-infrastructure': 'Цифрова інфраструктура', 'ict-service-management': 'Управління ІКТ-послугами',
  'public-administration': 'Державне управління', space: 'Космос', postal: 'Пошта',
  'waste-management': 'Поводження з відходами', chemicals: 'Хімічна промисловість', food: 'Харчова промисловість',
  manufacturing: 'Виробництво', 'digital-providers': 'Цифрові постачальники', research: 'Дослідження',
  equipment: 'Обладнання', software: 'Програмне забезпечення', connectivity: 'Зв’язок', training: 'Навчання',
  assessment: 'Оцінювання', 'incident-response': 'Реагування на інциденти', consulting: 'Консультування',
  hosting: 'Хостинг',
  draft: 'Чернетка', submitted: 'Подано', validated: 'Перевірено', published: 'Опубліковано',
  matched: 'Зіставлено', funded: 'Профінансовано', delivering: 'Постачається', delivered: 'Поставлено',
  verified: 'Підтверджено', closed: 'Закрито', rejected: 'Відхилено', withdrawn: 'Відкликано',
  duplicate: 'Дублікат',
};

const STORAGE_KEY = 'tallinn.locale';

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'uk') return saved;
  } catch {
    /* storage unavailable */
  }
  return globalThis.navigator?.language?.startsWith('uk') ? 'uk' : 'en';
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* storage unavailable */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function translate(lang: Locale, key: Key, params: Record<string, string | number> = {}): string {
  const text: string = lang === 'uk' ? uk[key] : en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function t(key: Key, params?: Record<string, string | number>): string {
  return translate(locale.value, key, params);
}

// A vocabulary value (sector, category, status) for display.
export function term(value: string, lang: Locale = locale.value): string {
  if (lang === 'uk') return ukTerms[value] ?? value;
  const text = value.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const intlLocale = (lang: Locale) => (lang === 'uk' ? 'uk-UA' : 'en-GB');

export function formatMoney(amount: number, lang: Locale = locale.value): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'EUR' }).format(amount);
}
export function formatNumber(value: number, lang: Locale = locale.value): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(value);
}
export function formatDate(iso: string, lang: Locale = locale.value): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}
