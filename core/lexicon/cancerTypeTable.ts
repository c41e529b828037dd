/**
 * Cancer types Cairn recognises, as data. `terms` are matched case-insensitively as whole words
 * (a term ending in `*` matches any word ending); `abbreviations` are matched case-sensitively
 * (so "ALL" the leukemia is not "all"). `family` links a specific type to a broader one ("Colon
 * cancer" → "Colorectal cancer"), so a question about the family also finds its members and the
 * reverse, with less weight than an exact match.
 */
export interface CancerTypeEntry {
  name: string;
  terms: string[];
  abbreviations?: string[];
  family?: string;
}

export const CANCER_TYPES: readonly CancerTypeEntry[] = [
  // Families (broad words patients use)
  { name: 'Blood cancer', terms: ['blood cancer', 'blood cancers', 'hematologic cancer', 'hematologic malignancy', 'haematological cancer'] },
  { name: 'Leukemia', terms: ['leukemia', 'leukaemia', 'leukemias'], family: 'Blood cancer' },
  { name: 'Lymphoma', terms: ['lymphoma', 'lymphomas'], family: 'Blood cancer' },
  { name: 'Skin cancer', terms: ['skin cancer', 'skin cancers', 'basal cell carcinoma', 'squamous cell skin cancer', 'cutaneous squamous cell carcinoma'], abbreviations: ['BCC'] },
  { name: 'Head and neck cancer', terms: ['head and neck cancer', 'head and neck cancers', 'throat cancer', 'mouth cancer'] },
  { name: 'Brain tumor', terms: ['brain tumor', 'brain tumors', 'brain tumour', 'brain cancer', 'central nervous system tumor', 'central nervous system tumors', 'cns tumor', 'cns tumors', 'spinal cord tumor', 'spinal cord tumors'] },
  { name: 'Lung cancer', terms: ['lung cancer', 'lung cancers', 'lung tumor', 'lung carcinoma'] },
  { name: 'Sarcoma', terms: ['sarcoma', 'sarcomas'] },
  { name: 'Myeloproliferative neoplasm', terms: ['myeloproliferative neoplasm', 'myeloproliferative neoplasms', 'polycythemia vera', 'essential thrombocythemia', 'primary myelofibrosis', 'myelofibrosis'], abbreviations: ['MPN'], family: 'Blood cancer' },
  { name: 'Germ cell tumor', terms: ['germ cell tumor', 'germ cell tumors'] },
  { name: 'Neuroendocrine tumor', terms: ['neuroendocrine tumor', 'neuroendocrine tumors', 'carcinoid', 'carcinoid tumor', 'carcinoid tumors'], abbreviations: ['NET', 'NETs'] },

  // Solid tumours
  { name: 'Breast cancer', terms: ['breast cancer', 'breast cancers', 'breast carcinoma', 'ductal carcinoma', 'lobular carcinoma', 'breast tumor', 'breast'], abbreviations: ['DCIS', 'LCIS', 'TNBC'] },
  { name: 'Non-small cell lung cancer', terms: ['non-small cell lung cancer', 'non small cell lung cancer', 'non-small-cell lung cancer', 'lung adenocarcinoma', 'squamous cell lung cancer'], abbreviations: ['NSCLC'], family: 'Lung cancer' },
  { name: 'Small cell lung cancer', terms: ['small cell lung cancer', 'small-cell lung cancer', 'oat cell cancer'], abbreviations: ['SCLC'], family: 'Lung cancer' },
  { name: 'Colorectal cancer', terms: ['colorectal cancer', 'colorectal', 'bowel cancer', 'colorectal carcinoma'], abbreviations: ['CRC'] },
  { name: 'Colon cancer', terms: ['colon cancer', 'colon'], family: 'Colorectal cancer' },
  { name: 'Rectal cancer', terms: ['rectal cancer', 'rectum', 'rectal'], family: 'Colorectal cancer' },
  { name: 'Anal cancer', terms: ['anal cancer', 'anus', 'anal canal'] },
  { name: 'Prostate cancer', terms: ['prostate cancer', 'prostate'] },
  { name: 'Pancreatic cancer', terms: ['pancreatic cancer', 'pancreatic adenocarcinoma', 'pancreas cancer', 'pancreas', 'pancreatic'], abbreviations: ['PDAC'] },
  { name: 'Pancreatic neuroendocrine tumor', terms: ['pancreatic neuroendocrine tumor', 'pancreatic neuroendocrine tumors', 'islet cell tumor', 'islet cell tumors'], abbreviations: ['PNET', 'pNET'], family: 'Neuroendocrine tumor' },
  { name: 'Melanoma', terms: ['melanoma', 'melanomas', 'malignant melanoma'], family: 'Skin cancer' },
  { name: 'Uveal melanoma', terms: ['uveal melanoma', 'intraocular melanoma', 'intraocular (uveal) melanoma', 'eye melanoma', 'ocular melanoma'], family: 'Melanoma' },
  { name: 'Merkel cell carcinoma', terms: ['merkel cell carcinoma', 'merkel cell'], family: 'Skin cancer' },
  { name: 'Bladder cancer', terms: ['bladder cancer', 'bladder', 'urothelial carcinoma', 'urothelial cancer'] },
  { name: 'Kidney cancer', terms: ['kidney cancer', 'renal cell carcinoma', 'renal cell cancer', 'renal cancer', 'kidney'], abbreviations: ['RCC'] },
  { name: 'Wilms tumor', terms: ['wilms tumor', 'wilms tumour', 'wilms', 'nephroblastoma'], family: 'Kidney cancer' },
  { name: 'Renal pelvis and ureter cancer', terms: ['transitional cell cancer of the renal pelvis', 'renal pelvis', 'ureter cancer', 'ureter'], family: 'Kidney cancer' },
  { name: 'Liver cancer', terms: ['liver cancer', 'hepatocellular carcinoma', 'hepatocellular', 'hepatoma', 'liver'], abbreviations: ['HCC'] },
  { name: 'Bile duct cancer', terms: ['bile duct cancer', 'cholangiocarcinoma', 'bile duct'] },
  { name: 'Gallbladder cancer', terms: ['gallbladder cancer', 'gallbladder'] },
  { name: 'Stomach cancer', terms: ['stomach cancer', 'gastric cancer', 'stomach', 'gastric'] },
  { name: 'Esophageal cancer', terms: ['esophageal cancer', 'oesophageal cancer', 'esophagus', 'oesophagus', 'esophageal'] },
  { name: 'Small intestine cancer', terms: ['small intestine cancer', 'small bowel cancer', 'small intestine'] },
  { name: 'Gastrointestinal stromal tumor', terms: ['gastrointestinal stromal tumor', 'gastrointestinal stromal tumors'], abbreviations: ['GIST'], family: 'Sarcoma' },
  { name: 'Ovarian cancer', terms: ['ovarian cancer', 'ovarian', 'ovary', 'ovaries', 'fallopian tube cancer', 'fallopian tube', 'primary peritoneal cancer'] },
  { name: 'Cervical cancer', terms: ['cervical cancer', 'cervix'] },
  { name: 'Endometrial cancer', terms: ['endometrial cancer', 'endometrial', 'uterine cancer', 'uterine', 'uterus', 'womb cancer', 'endometrium'] },
  { name: 'Uterine sarcoma', terms: ['uterine sarcoma'], family: 'Endometrial cancer' },
  { name: 'Vulvar cancer', terms: ['vulvar cancer', 'vulva', 'vulvar'] },
  { name: 'Vaginal cancer', terms: ['vaginal cancer', 'vagina'] },
  { name: 'Gestational trophoblastic disease', terms: ['gestational trophoblastic disease', 'gestational trophoblastic', 'molar pregnancy', 'choriocarcinoma'] },
  { name: 'Thyroid cancer', terms: ['thyroid cancer', 'thyroid'] },
  { name: 'Parathyroid cancer', terms: ['parathyroid cancer', 'parathyroid'] },
  { name: 'Oral cavity cancer', terms: ['oral cavity cancer', 'oral cancer', 'lip and oral cavity', 'oral cavity', 'tongue cancer', 'lip cancer', 'oral tongue', 'floor of mouth', 'floor of the mouth', 'buccal mucosa', 'gingiva', 'hard palate', 'retromolar trigone'], family: 'Head and neck cancer' },
  { name: 'Oropharyngeal cancer', terms: ['oropharyngeal cancer', 'oropharynx', 'oropharyngeal', 'tonsil cancer', 'tonsillar cancer', 'tonsil', 'tonsils', 'tonsillar', 'base of tongue', 'base of the tongue', 'tongue base', 'soft palate', 'vallecula'], family: 'Head and neck cancer' },
  { name: 'Laryngeal cancer', terms: ['laryngeal cancer', 'larynx', 'laryngeal', 'voice box', 'glottis', 'glottic', 'supraglottic', 'subglottic', 'vocal cord', 'vocal cords'], family: 'Head and neck cancer' },
  { name: 'Hypopharyngeal cancer', terms: ['hypopharyngeal cancer', 'hypopharynx', 'hypopharyngeal', 'pyriform sinus', 'piriform sinus', 'postcricoid'], family: 'Head and neck cancer' },
  { name: 'Nasopharyngeal cancer', terms: ['nasopharyngeal cancer', 'nasopharynx', 'nasopharyngeal'], family: 'Head and neck cancer' },
  { name: 'Salivary gland cancer', terms: ['salivary gland cancer', 'salivary gland', 'salivary'], family: 'Head and neck cancer' },
  { name: 'Paranasal sinus and nasal cavity cancer', terms: ['paranasal sinus', 'nasal cavity', 'sinus cancer'], family: 'Head and neck cancer' },
  { name: 'Metastatic squamous neck cancer with occult primary', terms: ['occult primary', 'metastatic squamous neck cancer', 'squamous neck cancer'], family: 'Head and neck cancer' },
  { name: 'Glioma', terms: ['glioma', 'gliomas', 'glioblastoma', 'astrocytoma', 'astrocytomas', 'oligodendroglioma', 'brain stem glioma'], abbreviations: ['GBM'], family: 'Brain tumor' },
  { name: 'Ependymoma', terms: ['ependymoma', 'ependymomas'], family: 'Brain tumor' },
  { name: 'Craniopharyngioma', terms: ['craniopharyngioma'], family: 'Brain tumor' },
  { name: 'CNS embryonal tumor', terms: ['embryonal tumor', 'embryonal tumors', 'medulloblastoma', 'atypical teratoid', 'rhabdoid tumor'], abbreviations: ['ATRT', 'AT/RT'], family: 'Brain tumor' },
  { name: 'Pituitary tumor', terms: ['pituitary tumor', 'pituitary tumors', 'pituitary'] },
  { name: 'Neuroblastoma', terms: ['neuroblastoma'] },
  { name: 'Retinoblastoma', terms: ['retinoblastoma'] },
  { name: 'Testicular cancer', terms: ['testicular cancer', 'testicular', 'testicle', 'testis'], family: 'Germ cell tumor' },
  { name: 'Penile cancer', terms: ['penile cancer', 'penis', 'penile'] },
  { name: 'Urethral cancer', terms: ['urethral cancer', 'urethra', 'urethral'] },
  { name: 'Thymoma', terms: ['thymoma', 'thymic carcinoma', 'thymus'] },
  { name: 'Soft tissue sarcoma', terms: ['soft tissue sarcoma', 'soft tissue sarcomas'], family: 'Sarcoma' },
  { name: 'Osteosarcoma', terms: ['osteosarcoma', 'bone cancer', 'malignant fibrous histiocytoma'], family: 'Sarcoma' },
  { name: 'Ewing sarcoma', terms: ['ewing sarcoma', 'ewing', "ewing's sarcoma"], family: 'Sarcoma' },
  { name: 'Rhabdomyosarcoma', terms: ['rhabdomyosarcoma'], family: 'Sarcoma' },
  { name: 'Kaposi sarcoma', terms: ['kaposi sarcoma', 'kaposi', "kaposi's sarcoma"], family: 'Sarcoma' },
  { name: 'Vascular tumor', terms: ['vascular tumor', 'vascular tumors', 'hemangioma', 'hemangioendothelioma', 'angiosarcoma'] },
  { name: 'Langerhans cell histiocytosis', terms: ['langerhans cell histiocytosis', 'histiocytosis'], abbreviations: ['LCH'] },
  { name: 'Mesothelioma', terms: ['mesothelioma'] },

  // Blood cancers
  { name: 'Hodgkin lymphoma', terms: ['hodgkin lymphoma', "hodgkin's lymphoma", 'hodgkin disease', "hodgkin's disease", 'hodgkin'], abbreviations: ['HL'], family: 'Lymphoma' },
  { name: 'Non-Hodgkin lymphoma', terms: ['non-hodgkin lymphoma', 'non hodgkin lymphoma', "non-hodgkin's lymphoma", 'non-hodgkin', 'diffuse large b-cell lymphoma', 'follicular lymphoma', 'mantle cell lymphoma', 'aids-related lymphoma', 'primary cns lymphoma', 'burkitt lymphoma'], abbreviations: ['NHL', 'DLBCL'], family: 'Lymphoma' },
  { name: 'Cutaneous T-cell lymphoma', terms: ['mycosis fungoides', 'sezary syndrome', 'szary syndrome', 'cutaneous t-cell lymphoma'], abbreviations: ['CTCL'], family: 'Non-Hodgkin lymphoma' },
  { name: 'Chronic lymphocytic leukemia', terms: ['chronic lymphocytic leukemia', 'chronic lymphocytic leukaemia', 'small lymphocytic lymphoma'], abbreviations: ['CLL', 'SLL'], family: 'Leukemia' },
  { name: 'Chronic myeloid leukemia', terms: ['chronic myeloid leukemia', 'chronic myelogenous leukemia', 'chronic myeloid leukaemia', 'chronic granulocytic leukemia'], abbreviations: ['CML'], family: 'Leukemia' },
  { name: 'Acute myeloid leukemia', terms: ['acute myeloid leukemia', 'acute myelogenous leukemia', 'acute myeloid leukaemia', 'acute nonlymphocytic leukemia'], abbreviations: ['AML'], family: 'Leukemia' },
  { name: 'Acute lymphoblastic leukemia', terms: ['acute lymphoblastic leukemia', 'acute lymphocytic leukemia', 'acute lymphoblastic leukaemia'], abbreviations: ['ALL'], family: 'Leukemia' },
  { name: 'Hairy cell leukemia', terms: ['hairy cell leukemia'], family: 'Leukemia' },
  { name: 'Chronic myelomonocytic leukemia', terms: ['chronic myelomonocytic leukemia', 'juvenile myelomonocytic leukemia'], abbreviations: ['CMML', 'JMML'], family: 'Leukemia' },
  { name: 'Myelodysplastic syndrome', terms: ['myelodysplastic syndrome', 'myelodysplastic syndromes', 'myelodysplastic'], abbreviations: ['MDS'], family: 'Blood cancer' },
  { name: 'Multiple myeloma', terms: ['multiple myeloma', 'myeloma', 'plasma cell neoplasm', 'plasma cell neoplasms', 'plasmacytoma'], family: 'Blood cancer' },
];
